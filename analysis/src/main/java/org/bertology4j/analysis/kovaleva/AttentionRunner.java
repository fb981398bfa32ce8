package org.bertology4j.analysis.kovaleva;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.core.train.LengthBatcher;
import org.bertology4j.core.train.TrainingExample;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs a model over examples (batched by length) and hands each example's attention maps to a consumer. */
final class AttentionRunner {
    private AttentionRunner() {}

    /** Receives the maps of example {@code index} (position in the given list). */
    @FunctionalInterface
    public interface Consumer {
        void accept(int index, AttentionMaps maps);
    }

    public static void run(BertModel model, List<TrainingExample> examples, int batchSize, Consumer consumer) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) order.add(i);
        order.sort(Comparator.comparingInt(i -> examples.get(i).length()));
        int layers = model.config().numHiddenLayers(), heads = model.config().numAttentionHeads();
        TraceOptions opts = TraceOptions.builder().keepAttention().build();
        for (int s = 0; s < order.size(); s += batchSize) {
            int[] idx = order.subList(s, Math.min(order.size(), s + batchSize)).stream().mapToInt(Integer::intValue).toArray();
            BertInput in = LengthBatcher.input(examples, idx);
            ForwardTrace tr = model.forward(in, opts);
            int t = in.seqLen();
            double[][] flat = new double[layers][];
            for (int l = 0; l < layers; l++) flat[l] = tr.attention(l).castTo(DataType.DOUBLE).dup('c').data().asDouble();
            for (int b = 0; b < idx.length; b++) {
                int n = examples.get(idx[b]).length();
                double[][] maps = new double[layers * heads][n * n];
                for (int l = 0; l < layers; l++) {
                    for (int h = 0; h < heads; h++) {
                        double[] m = maps[l * heads + h];
                        long base = ((long) b * heads + h) * t * t;
                        for (int i = 0; i < n; i++) System.arraycopy(flat[l], (int) (base + (long) i * t), m, i * n, n);
                    }
                }
                consumer.accept(idx[b], new AttentionMaps(layers, heads, n, maps));
            }
        }
    }
}
