package org.bertology4j.analysis.kovaleva;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.train.LengthBatcher;
import org.bertology4j.core.train.TrainingExample;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Baselines for a fine-tuned classifier: the majority class, and multinomial logistic regression on
 * features of the frozen pre-trained encoder ([CLS] of the last layer, and the pooled output when the
 * model has a pooler), standardized with the training set's mean and deviation.
 */
public final class FrozenEncoderBaseline {
    private FrozenEncoderBaseline() {}

    /** Features of each example: [CLS] last hidden state, and tanh pooler output (null when absent). */
    public record Features(double[][] cls, double[][] pooled) {}

    /** Runs the frozen model over the examples (batched by length) and collects the features. */
    public static Features features(BertModel model, List<TrainingExample> examples, int batchSize) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) order.add(i);
        order.sort(Comparator.comparingInt(i -> examples.get(i).length()));
        boolean pooler = model.weights().pooler() != null;
        double[][] cls = new double[examples.size()][], pooled = pooler ? new double[examples.size()][] : null;
        for (int s = 0; s < order.size(); s += batchSize) {
            int[] idx = order.subList(s, Math.min(order.size(), s + batchSize)).stream().mapToInt(Integer::intValue).toArray();
            BertInput in = LengthBatcher.input(examples, idx);
            ForwardTrace tr = model.forward(in);
            INDArray c = tr.lastHidden().get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all());
            double[][] cm = c.castTo(DataType.DOUBLE).toDoubleMatrix();
            double[][] pm = pooler ? model.pooledOutput(tr).castTo(DataType.DOUBLE).toDoubleMatrix() : null;
            for (int b = 0; b < idx.length; b++) {
                cls[idx[b]] = cm[b];
                if (pooler) pooled[idx[b]] = pm[b];
            }
        }
        return new Features(cls, pooled);
    }

    /** Accuracy of always predicting the most frequent training label. */
    public static double majorityAccuracy(List<TrainingExample> train, List<TrainingExample> dev, int labels) {
        int[] counts = new int[labels];
        for (TrainingExample e : train) counts[e.label()]++;
        int best = 0;
        for (int c = 1; c < labels; c++) if (counts[c] > counts[best]) best = c;
        int ok = 0;
        for (TrainingExample e : dev) if (e.label() == best) ok++;
        return dev.isEmpty() ? Double.NaN : ok / (double) dev.size();
    }

    /** Labels of examples. */
    public static int[] labels(List<TrainingExample> ex) {
        return ex.stream().mapToInt(TrainingExample::label).toArray();
    }

    /**
     * Dev accuracy of softmax regression fit on the training features (full-batch Adam, L2 {@code l2},
     * {@code iterations} steps, zero initialisation: deterministic).
     */
    public static double logisticRegressionAccuracy(double[][] xTrain, int[] yTrain, double[][] xDev, int[] yDev,
                                                    int labels, double l2, int iterations) {
        return accuracy(logisticRegressionPredictions(xTrain, yTrain, xDev, labels, l2, iterations), yDev);
    }

    /** Dev predictions of the same softmax regression (for paired comparisons). */
    public static int[] logisticRegressionPredictions(double[][] xTrain, int[] yTrain, double[][] xDev, int labels,
                                                      double l2, int iterations) {
        SoftmaxRegression m = SoftmaxRegression.fit(xTrain, yTrain, labels, l2, iterations, 0.01);
        int[] p = new int[xDev.length];
        for (int i = 0; i < xDev.length; i++) p[i] = m.predict(xDev[i]);
        return p;
    }

    /** Share of predictions equal to the labels (NaN for none). */
    public static double accuracy(int[] predictions, int[] gold) {
        int ok = 0;
        for (int i = 0; i < gold.length; i++) if (predictions[i] == gold[i]) ok++;
        return gold.length == 0 ? Double.NaN : ok / (double) gold.length;
    }
}
