package org.bertology4j.core.grad;

import org.bertology4j.core.layers.Linear;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.SplittableRandom;

/**
 * The loss of {@code BertForSequenceClassification}: logits = classifier(dropout(tanh(pooler(h_L[CLS])))), mean
 * cross-entropy over the batch, or mean squared error for a one-output model (regression, e.g. STS-B). The one
 * sequence-classification loss of the library: gradients ({@link Backprop}) and fine-tuning ({@code train.Trainer})
 * both use it.
 *
 * <p>Dropout (probability p, inverted scaling) applies to the pooled output only, with a mask drawn from a
 * caller-given seed, so that a training step is a pure function of (weights, batch, seed). Pooler VJP:
 * d(pre) = d(pooled)·(1 − pooled²).
 */
public final class SequenceClassificationLoss implements Loss {
    private final int[] labels;
    private final double[] targets;
    private final double dropout;
    private final long dropoutSeed;

    private SequenceClassificationLoss(int[] labels, double[] targets, double dropout, long dropoutSeed) {
        if (dropout < 0 || dropout >= 1) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        this.labels = labels;
        this.targets = targets;
        this.dropout = dropout;
        this.dropoutSeed = dropoutSeed;
    }

    /** Classification: one class per batch item. */
    public SequenceClassificationLoss(int[] labels) {
        this(labels.clone(), null, 0, 0);
    }

    /** Regression (a model with one output): one target per batch item. */
    public static SequenceClassificationLoss regression(double[] targets) {
        return new SequenceClassificationLoss(null, targets.clone(), 0, 0);
    }

    /** The same loss with dropout of probability {@code p} on the pooled output, its mask drawn from {@code seed}. */
    public SequenceClassificationLoss withDropout(double p, long seed) {
        return new SequenceClassificationLoss(labels, targets, p, seed);
    }

    @Override
    public LossValue evaluate(BertModel model, ForwardTrace trace, ParameterGradients params) {
        var w = model.weights();
        if (w.pooler() == null || w.classifier() == null) throw new IllegalStateException("the model has no SEQUENCE_CLASSIFICATION head");
        int b = trace.batchSize(), t = trace.seqLen();
        int[] cls = new int[b];
        for (int i = 0; i < b; i++) cls[i] = i * t;
        INDArray x = Nd4j.pullRows(trace.lastHiddenRows(), 1, cls);                 // [B, H]
        Linear.Cache pc = new Linear.Cache(), cc = new Linear.Cache();
        INDArray pooled = Transforms.tanh(w.pooler().dense().forward(x, pc), false);
        INDArray keep = dropoutMask(pooled);
        INDArray logits = w.classifier().forward(keep == null ? pooled : pooled.mul(keep), cc);   // [B, K]
        Mean loss = targets == null ? crossEntropy(logits, labels) : squaredError(logits, targets);
        INDArray dDropped = w.classifier().backward(loss.dLogits, cc, params == null ? null : params.linearHead("classifier", w.classifier()));
        INDArray dPooled = keep == null ? dDropped : dDropped.muli(keep);
        INDArray dPre = dPooled.muli(pooled.mul(pooled).rsubi(1.0));
        INDArray dX = w.pooler().dense().backward(dPre, pc, params == null ? null : params.linearHead("bert.pooler.dense", w.pooler().dense()));
        INDArray dH = Nd4j.zeros(x.dataType(), (long) b * t, x.size(1));
        for (int i = 0; i < b; i++) dH.getRow(cls[i]).assign(dX.getRow(i));
        return new LossValue(loss.value, dH);
    }

    private INDArray dropoutMask(INDArray like) {
        if (dropout == 0) return null;
        SplittableRandom r = new SplittableRandom(dropoutSeed);
        long n = like.length();
        double[] m = new double[(int) n];
        double scale = 1.0 / (1.0 - dropout);
        for (int i = 0; i < n; i++) m[i] = r.nextDouble() < dropout ? 0 : scale;
        return Nd4j.create(m, like.shape(), 'c').castTo(like.dataType());
    }

    /** A mean loss over the batch and its gradient w.r.t. the logits. */
    private record Mean(double value, INDArray dLogits) {}

    /** Mean cross-entropy and its gradient (softmax − one-hot)/B in double precision, with a max-shift. */
    private static Mean crossEntropy(INDArray logits, int[] labels) {
        int b = (int) logits.size(0), k = (int) logits.size(1);
        if (labels.length != b) throw new IllegalArgumentException(labels.length + " labels for a batch of " + b);
        double[][] z = logits.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] d = new double[b][k];
        double loss = 0;
        for (int i = 0; i < b; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException("label " + labels[i] + " of batch item " + i + " is outside [0, " + k + ")");
            }
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z[i]) max = Math.max(max, v);
            double sum = 0;
            for (int c = 0; c < k; c++) sum += Math.exp(z[i][c] - max);
            loss += Math.log(sum) + max - z[i][labels[i]];
            for (int c = 0; c < k; c++) d[i][c] = (Math.exp(z[i][c] - max) / sum - (c == labels[i] ? 1 : 0)) / b;
        }
        return new Mean(loss / b, Nd4j.create(d).castTo(logits.dataType()));
    }

    /** Mean of (y − target)² and its gradient 2(y − target)/B, for a single output. */
    private static Mean squaredError(INDArray logits, double[] targets) {
        int b = (int) logits.size(0);
        if (logits.size(1) != 1) throw new IllegalArgumentException("regression needs a model with 1 output, got " + logits.size(1));
        if (targets.length != b) throw new IllegalArgumentException(targets.length + " targets for a batch of " + b);
        double[][] d = new double[b][1];
        double loss = 0;
        for (int i = 0; i < b; i++) {
            double e = logits.getDouble(i, 0) - targets[i];
            loss += e * e;
            d[i][0] = 2 * e / b;
        }
        return new Mean(loss / b, Nd4j.create(d).castTo(logits.dataType()));
    }
}
