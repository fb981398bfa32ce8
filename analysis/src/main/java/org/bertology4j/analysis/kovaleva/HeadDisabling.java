package org.bertology4j.analysis.kovaleva;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.BertWeights;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.core.train.LengthBatcher;
import org.bertology4j.core.train.TrainingExample;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Dev accuracy of a fine-tuned classifier with one head disabled (its attention uniform over the real tokens,
 * {@link TraceOptions.Builder#disableHead}) for each of the L·H heads, and with all heads of a layer disabled.
 * Disabling a head of layer l leaves layers below l unchanged, so the hidden state entering layer l is
 * computed once per batch and only layers l..L-1 are re-run — the same numbers as a full forward with the
 * intervention (checked by a test), at about half the cost.
 */
public final class HeadDisabling {
    private final BertModel model;
    private final List<TrainingExample> examples;
    private final List<Batch> batches = new ArrayList<>();

    private record Batch(int[] idx, BertInput input, INDArray[] hidden) {}

    /** Runs the unmodified model once, keeping every layer's input. */
    public HeadDisabling(BertModel model, List<TrainingExample> examples, int batchSize) {
        this.model = model;
        this.examples = examples;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) order.add(i);
        order.sort(Comparator.comparingInt(i -> examples.get(i).length()));
        TraceOptions keep = TraceOptions.builder().keepHiddenStates().build();
        for (int s = 0; s < order.size(); s += batchSize) {
            int[] idx = order.subList(s, Math.min(order.size(), s + batchSize)).stream().mapToInt(Integer::intValue).toArray();
            BertInput in = LengthBatcher.input(examples, idx);
            var tr = model.forward(in, keep);
            int layers = model.config().numHiddenLayers();
            INDArray[] hidden = new INDArray[layers];
            for (int l = 0; l < layers; l++) {
                INDArray h = tr.hidden(l);
                hidden[l] = h.reshape('c', h.size(0) * h.size(1), h.size(2)).dup('c');
            }
            batches.add(new Batch(idx, in, hidden));
        }
    }

    /** Predicted class of every example with the given heads of {@code layer} disabled (none: the plain model). */
    public int[] predict(int layer, int... disabledHeads) {
        BertWeights w = model.weights();
        int[] out = new int[examples.size()];
        TraceOptions.Builder iv = TraceOptions.builder();
        for (int h : disabledHeads) iv.disableHead(layer, h);
        TraceOptions options = iv.build();
        for (Batch bt : batches) {
            int b = bt.idx.length, t = bt.input.seqLen();
            INDArray h = model.forwardFrom(layer, bt.hidden[layer], bt.input, options).lastHiddenRows();
            int[] clsRows = new int[b];
            for (int i = 0; i < b; i++) clsRows[i] = i * t;
            INDArray pooled = Transforms.tanh(w.pooler().dense().forward(Nd4j.pullRows(h, 1, clsRows), null), false);
            double[][] logits = w.classifier().forward(pooled, null).castTo(DataType.DOUBLE).toDoubleMatrix();
            for (int i = 0; i < b; i++) {
                int best = 0;
                for (int c = 1; c < logits[i].length; c++) if (logits[i][c] > logits[i][best]) best = c;
                out[bt.idx[i]] = best;
            }
        }
        return out;
    }

    /** Accuracy of predictions against the examples' labels. */
    public double accuracy(int[] predictions) {
        int ok = 0;
        for (int i = 0; i < predictions.length; i++) if (predictions[i] == examples.get(i).label()) ok++;
        return predictions.length == 0 ? Double.NaN : ok / (double) predictions.length;
    }

    /** Gold labels of the examples, in order. */
    public int[] gold() {
        return examples.stream().mapToInt(TrainingExample::label).toArray();
    }

    /**
     * Result of the study: accuracies [layer][head], per layer, and of the unmodified model, with every run's
     * predictions (for paired tests). Without the single-head runs, {@code headDisabled} is NaN and
     * {@code headPredictions} null.
     *
     * @param baseline            accuracy of the unmodified model
     * @param headDisabled        accuracy with one head disabled [layer][head]
     * @param layerDisabled       accuracy with all heads of a layer disabled
     * @param baselinePredictions predicted class of each example, unmodified model
     * @param headPredictions     [layer][head][example], or null without single-head runs
     * @param layerPredictions    [layer][example]
     */
    public record Result(double baseline, double[][] headDisabled, double[] layerDisabled, int[] baselinePredictions,
                         int[][][] headPredictions, int[][] layerPredictions) {
        /** Whether the single-head runs were done. */
        public boolean hasHeads() { return headPredictions != null; }
    }

    /** The L·H single-head runs and the L whole-layer runs; {@code progress} is told after each run. */
    public Result run(java.util.function.IntConsumer progress) {
        return run(progress, true);
    }

    /** The whole-layer runs, and the single-head runs when {@code heads}; {@code progress} is told after each run. */
    public Result run(java.util.function.IntConsumer progress, boolean heads) {
        int layers = model.config().numHiddenLayers(), perLayer = model.config().numAttentionHeads();
        int[] basePred = predict(0);
        double[][] single = new double[layers][perLayer];
        int[][][] singlePred = heads ? new int[layers][perLayer][] : null;
        double[] whole = new double[layers];
        int[][] wholePred = new int[layers][];
        int done = 0;
        int[] all = java.util.stream.IntStream.range(0, perLayer).toArray();
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < perLayer; h++) {
                if (!heads) {
                    single[l][h] = Double.NaN;
                    continue;
                }
                singlePred[l][h] = predict(l, h);
                single[l][h] = accuracy(singlePred[l][h]);
                progress.accept(++done);
            }
            wholePred[l] = predict(l, all);
            whole[l] = accuracy(wholePred[l]);
            progress.accept(++done);
        }
        return new Result(accuracy(basePred), single, whole, basePred, singlePred, wholePred);
    }
}
