package org.bertology4j.core.train;

import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.TraceOptions;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Predictions of a sequence classifier over examples, batched by length, optionally with head interventions. */
public final class ClassifierEvaluation {
    private ClassifierEvaluation() {}

    /** Predicted class (argmax, lowest index on ties) of every example, in input order. */
    public static int[] predict(BertModel model, List<TrainingExample> examples, int batchSize, TraceOptions options) {
        double[][] logits = logits(model, examples, batchSize, options);
        int[] out = new int[logits.length];
        for (int i = 0; i < logits.length; i++) {
            int best = 0;
            for (int c = 1; c < logits[i].length; c++) if (logits[i][c] > logits[i][best]) best = c;
            out[i] = best;
        }
        return out;
    }

    /** Classifier logits [N][labels], in input order. */
    public static double[][] logits(BertModel model, List<TrainingExample> examples, int batchSize, TraceOptions options) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) order.add(i);
        order.sort(Comparator.comparingInt(i -> examples.get(i).length()));
        double[][] out = new double[examples.size()][];
        for (int s = 0; s < order.size(); s += batchSize) {
            int[] idx = order.subList(s, Math.min(order.size(), s + batchSize)).stream().mapToInt(Integer::intValue).toArray();
            INDArray l = model.sequenceClassificationLogits(model.forward(LengthBatcher.input(examples, idx), options));
            double[][] rows = l.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
            for (int b = 0; b < idx.length; b++) out[idx[b]] = rows[b];
        }
        return out;
    }

    /** Share of examples whose predicted class equals their label. */
    public static double accuracy(BertModel model, List<TrainingExample> examples, int batchSize, TraceOptions options) {
        if (examples.isEmpty()) return Double.NaN;
        int[] p = predict(model, examples, batchSize, options);
        int ok = 0;
        for (int i = 0; i < p.length; i++) if (p[i] == examples.get(i).label()) ok++;
        return ok / (double) p.length;
    }
}
