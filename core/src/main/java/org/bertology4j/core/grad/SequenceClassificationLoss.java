package org.bertology4j.core.grad;

import org.bertology4j.core.heads.HeadType;
import org.bertology4j.core.layers.Linear;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.BertWeights;
import org.bertology4j.core.model.ForwardTrace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.SplittableRandom;

/**
 * The loss of {@code BertForSequenceClassification}: logits = classifier(dropout(tanh(pooler(h_L[CLS])))); the mean
 * cross-entropy over the batch, or for a model with one output (regression, e.g. STS-B) the mean squared error.
 * Dropout (off unless asked, {@link #withDropout}) drops pooled features with inverted scaling, the mask drawn from a
 * caller-given seed, so that a training step is a pure function of (weights, batch, seed). The fine-tuning
 * {@code train.Trainer} and the gradient API ({@link Backprop}) use this one loss.
 * <p>VJPs: dlogits = (softmax − onehot)/B in double (regression: 2(y − target)/B); classifier; the dropout mask;
 * tanh' = 1 − pooled²; pooler dense; onto the [CLS] rows of h_L.
 */
public final class SequenceClassificationLoss implements Loss {
    private final int[] labels;       // classification, or null
    private final double[] targets;   // regression, or null
    private final double dropout;
    private final long dropoutSeed;

    private SequenceClassificationLoss(int[] labels, double[] targets, double dropout, long dropoutSeed) {
        if (dropout < 0 || dropout >= 1) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        this.labels = labels;
        this.targets = targets;
        this.dropout = dropout;
        this.dropoutSeed = dropoutSeed;
    }

    /** Classification: @param labels one class per batch item */
    public SequenceClassificationLoss(int[] labels) {
        this(checked(labels).clone(), null, 0, 0);
    }

    /** Regression (a model with one output): mean of (y − target)² over the batch. */
    public static SequenceClassificationLoss regression(double[] targets) {
        if (targets == null) throw new IllegalArgumentException("regression targets are null");
        return new SequenceClassificationLoss(null, targets.clone(), 0, 0);
    }

    /** This loss with dropout of probability {@code p} on the pooled output, its mask drawn from {@code seed} (training). */
    public SequenceClassificationLoss withDropout(double p, long seed) {
        return new SequenceClassificationLoss(labels, targets, p, seed);
    }

    private static int[] checked(int[] labels) {
        if (labels == null) throw new IllegalArgumentException("classification labels are null");
        return labels;
    }

    @Override
    public LossValue evaluate(BertModel model, ForwardTrace trace, ParameterGradients params) {
        BertWeights w = model.weights();
        HeadType.SEQUENCE_CLASSIFICATION.require(w.pooler() == null ? null : w.classifier());   // pooler and classifier
        int b = Loss.perItem(trace, targets == null ? labels.length : targets.length, targets == null ? "labels" : "targets");
        int t = trace.seqLen();
        INDArray hRows = trace.lastHiddenRows();                        // [B*T, H]
        int[] clsRows = new int[b];
        for (int i = 0; i < b; i++) clsRows[i] = i * t;
        // head accumulators created in forward order (pooler, classifier)
        Linear.Grad poolerGrad = params == null ? null : params.linearHead("bert.pooler.dense", w.pooler().dense());
        Linear.Grad classifierGrad = params == null ? null : params.linearHead("classifier", w.classifier());
        INDArray cls = Nd4j.pullRows(hRows, 1, clsRows);                // [B, H]
        Linear.Cache poolerCache = new Linear.Cache(), classifierCache = new Linear.Cache();
        INDArray pooled = Transforms.tanh(w.pooler().dense().forward(cls, poolerCache), false);
        INDArray keep = dropoutMask(pooled);
        INDArray logits = w.classifier().forward(keep == null ? pooled : pooled.mul(keep), classifierCache);  // [B, K]
        Head head = targets == null ? crossEntropy(logits) : squaredError(logits);

        INDArray dDropped = w.classifier().backward(head.dLogits(), classifierCache, classifierGrad);
        INDArray dPooled = keep == null ? dDropped : dDropped.muli(keep);
        INDArray dPre = dPooled.muli(pooled.mul(pooled).rsubi(1.0));     // tanh' = 1 - tanh²
        INDArray dCls = w.pooler().dense().backward(dPre, poolerCache, poolerGrad);
        INDArray dH = Nd4j.zeros(hRows.dataType(), hRows.size(0), hRows.size(1));
        for (int i = 0; i < b; i++) dH.getRow(clsRows[i]).assign(dCls.getRow(i));
        return new LossValue(head.loss(), dH);
    }

    /** Inverted-dropout mask (0 or 1/(1 − p)) shaped like {@code like}, from the seed; null without dropout. */
    private INDArray dropoutMask(INDArray like) {
        if (dropout == 0) return null;
        SplittableRandom r = new SplittableRandom(dropoutSeed);
        long n = like.length();
        double[] m = new double[(int) n];
        double scale = 1.0 / (1.0 - dropout);
        for (int i = 0; i < n; i++) m[i] = r.nextDouble() < dropout ? 0 : scale;
        return Nd4j.create(m, like.shape(), 'c').castTo(like.dataType());
    }

    /** The head's mean loss and its gradient w.r.t. the logits [B, K]. */
    private record Head(double loss, INDArray dLogits) {}

    /** Mean cross-entropy and its gradient. */
    private Head crossEntropy(INDArray logits) {
        CrossEntropy.Result ce = CrossEntropy.mean(logits, labels, "classification loss");
        return new Head(ce.sum(), ce.dLogits());
    }

    /** Mean of (y − target)² and its gradient 2(y − target)/B, for a single output. */
    private Head squaredError(INDArray logits) {
        int b = (int) logits.size(0);
        if (logits.size(1) != 1) throw new IllegalArgumentException("regression needs a model with 1 output, got " + logits.size(1));
        double[][] d = new double[b][1];
        double loss = 0;
        for (int i = 0; i < b; i++) {
            double e = logits.getDouble(i, 0) - targets[i];
            loss += e * e;
            d[i][0] = 2 * e / b;
        }
        return new Head(loss / b, Nd4j.create(d).castTo(logits.dataType()));
    }
}
