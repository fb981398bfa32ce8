package org.bertology4j.core.train;

import org.bertology4j.core.grad.Backprop;
import org.bertology4j.core.layers.Linear;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.BertWeights;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.SplittableRandom;

/**
 * Loss of {@code BertForSequenceClassification} and its gradient w.r.t. every parameter:
 * logits = classifier(dropout(tanh(pooler(h_L[CLS])))); mean cross-entropy over the batch
 * (mean squared error when the model has one output, i.e. regression such as STS-B).
 * The backward pass chains the head's VJPs written here with the one gradient traversal of the encoder and embeddings
 * ({@link Backprop#encoderAndEmbeddings}).
 * Dropout is applied only to the pooled output (probability {@code dropout}, inverted scaling), from a
 * caller-given seed so that a step is a pure function of (weights, batch, seed).
 */
public final class SequenceClassifierLoss {
    private final BertModel model;
    private final double dropout;

    /** @param dropout probability of dropping a pooled feature during training (0 for none) */
    public SequenceClassifierLoss(BertModel model, double dropout) {
        if (dropout < 0 || dropout >= 1) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        this.model = model;
        this.dropout = dropout;
    }

    /**
     * Forward and backward over one batch: adds the gradient of the mean loss to {@code grads}
     * (call {@link ClassifierGradients#zero()} first) and returns the mean loss.
     *
     * @param labels class indices (classification) — ignored for regression
     * @param targets regression targets, or null for classification
     * @param dropoutSeed seed of the dropout mask (unused when dropout is 0)
     */
    public double lossAndGradients(BertInput input, int[] labels, double[] targets, long dropoutSeed,
                                   ClassifierGradients grads) {
        BertWeights w = model.weights();
        int b = input.batchSize(), t = input.seqLen();
        TraceOptions opts = TraceOptions.builder().keepCaches().build();
        ForwardTrace trace = model.forward(input, opts);
        INDArray hRows = trace.lastHiddenRows();                        // [B*T, H]
        int[] clsRows = new int[b];
        for (int i = 0; i < b; i++) clsRows[i] = i * t;
        INDArray cls = Nd4j.pullRows(hRows, 1, clsRows);                // [B, H]
        Linear.Cache poolerCache = new Linear.Cache();
        INDArray pooled = Transforms.tanh(w.pooler().dense().forward(cls, poolerCache), false);
        INDArray keep = dropoutMask(pooled, dropoutSeed);
        INDArray dropped = keep == null ? pooled : pooled.mul(keep);
        Linear.Cache classifierCache = new Linear.Cache();
        INDArray logits = w.classifier().forward(dropped, classifierCache);  // [B, K]

        LossAndDelta ld = targets == null ? crossEntropy(logits, labels) : squaredError(logits, targets);

        INDArray dDropped = w.classifier().backward(ld.dLogits, classifierCache, grads.classifier);
        INDArray dPooled = keep == null ? dDropped : dDropped.muli(keep);
        INDArray dPre = dPooled.muli(pooled.mul(pooled).rsubi(1.0));     // tanh' = 1 - tanh²
        INDArray dCls = w.pooler().dense().backward(dPre, poolerCache, grads.pooler);
        INDArray dH = Nd4j.zeros(hRows.dataType(), hRows.size(0), hRows.size(1));
        for (int i = 0; i < b; i++) dH.getRow(clsRows[i]).assign(dCls.getRow(i));
        Backprop.encoderAndEmbeddings(model, trace, dH, l -> grads.layers[l], grads.embeddings);
        return ld.loss;
    }

    /** Mean loss of a batch without gradients or dropout (for evaluation and finite differences). */
    public double loss(BertInput input, int[] labels, double[] targets) {
        INDArray logits = model.sequenceClassificationLogits(model.forward(input));
        return (targets == null ? crossEntropy(logits, labels) : squaredError(logits, targets)).loss;
    }

    private INDArray dropoutMask(INDArray like, long seed) {
        if (dropout == 0) return null;
        SplittableRandom r = new SplittableRandom(seed);
        long n = like.length();
        double[] m = new double[(int) n];
        double scale = 1.0 / (1.0 - dropout);
        for (int i = 0; i < n; i++) m[i] = r.nextDouble() < dropout ? 0 : scale;
        return Nd4j.create(m, like.shape(), 'c').castTo(like.dataType());
    }

    private record LossAndDelta(double loss, INDArray dLogits) {}

    /** Mean cross-entropy and its gradient (softmax − one-hot)/B, with a max-shift for stability. */
    private static LossAndDelta crossEntropy(INDArray logits, int[] labels) {
        int b = (int) logits.size(0), k = (int) logits.size(1);
        if (labels == null || labels.length != b) {
            throw new IllegalArgumentException("need " + b + " labels, got " + (labels == null ? "none" : labels.length));
        }
        double[][] z = logits.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
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
        return new LossAndDelta(loss / b, Nd4j.create(d).castTo(logits.dataType()));
    }

    /** Mean of (y − target)² and its gradient 2(y − target)/B, for a single output. */
    private static LossAndDelta squaredError(INDArray logits, double[] targets) {
        int b = (int) logits.size(0);
        if (logits.size(1) != 1) throw new IllegalArgumentException("regression needs a model with 1 output, got " + logits.size(1));
        if (targets.length != b) throw new IllegalArgumentException("need " + b + " targets, got " + targets.length);
        double[][] d = new double[b][1];
        double loss = 0;
        for (int i = 0; i < b; i++) {
            double e = logits.getDouble(i, 0) - targets[i];
            loss += e * e;
            d[i][0] = 2 * e / b;
        }
        return new LossAndDelta(loss / b, Nd4j.create(d).castTo(logits.dataType()));
    }
}
