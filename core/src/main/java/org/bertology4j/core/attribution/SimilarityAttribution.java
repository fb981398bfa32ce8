package org.bertology4j.core.attribution;

import org.bertology4j.core.deeplift.Attribution;
import org.bertology4j.core.deeplift.DeepLift;
import org.bertology4j.core.deeplift.Reference;
import org.bertology4j.core.deeplift.SpecialTokens;
import org.bertology4j.core.embedding.Pooling;
import org.bertology4j.core.grad.Backprop;
import org.bertology4j.core.grad.GradientRequest;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Why are two texts similar? The similarity s(a, b) of their pooled embeddings a = pool(h_L(A)), b = pool(h_L(B))
 * ({@link Measure#COSINE}, or the {@link Measure#DOT} product of the pooled vectors), attributed to the tokens of both
 * texts against a reference (each text's own [PAD]/[MASK]/zero reference):
 * <ul>
 *   <li>by exact DeepLIFT, per layer: the similarity's multipliers onto a and b are exact (midpoint rule for the
 *       product, s = ū_b·Δu_a + ū_a·Δu_b; for the normalisation u = a·(a·a)^(-1/2), Δu = v̄Δa + āΔv with the secant of
 *       v in a·a, as DeepLIFT's LayerNorm rule), so Σ of both texts' scores = Δs at every layer, up to rounding;</li>
 *   <li>by integrated gradients along the joint straight path of both texts' word vectors.</li>
 * </ul>
 * Thread-safe.
 */
public final class SimilarityAttribution {
    /** What is explained. */
    public enum Measure {
        /** cos(a, b): the dot product of the L2-normalised embeddings. */
        COSINE,
        /** a·b of the pooled vectors (before any normalisation). */
        DOT
    }

    private final BertModel model;
    private final SpecialTokens special;
    private final Pooling pooling;
    private final Measure measure;

    public SimilarityAttribution(BertModel model, SpecialTokens special, Pooling pooling, Measure measure) {
        this.model = model;
        this.special = special;
        this.pooling = pooling;
        this.measure = measure;
    }

    /**
     * DeepLIFT of the similarity: each text's {@link Attribution} (token and per-layer scores) explains its share of Δs;
     * the shares add up to Δs.
     *
     * @param similarity      s(a, b) on the inputs
     * @param referenceValue  s(a0, b0) on the references
     * @param a               text A's attribution (its delta is A's share of Δs)
     * @param b               text B's
     */
    public record DeepLiftResult(double similarity, double referenceValue, Attribution a, Attribution b) {
        public double delta() { return similarity - referenceValue; }

        /** Δs − Σ scores of both texts at the word embeddings, over |Δs|. */
        public double relativeResidual() {
            return Math.abs(delta() - sum(a.tokenScores()) - sum(b.tokenScores())) / Math.max(Math.abs(delta()), 1e-300);
        }

        /** The same at the output of each layer n = 0 .. L [L+1]. */
        public double[] relativeLayerResiduals() {
            double[] out = new double[a.layerScores().length];
            for (int n = 0; n < out.length; n++) {
                out[n] = Math.abs(delta() - sum(a.layerScores()[n]) - sum(b.layerScores()[n])) / Math.max(Math.abs(delta()), 1e-300);
            }
            return out;
        }
    }

    /**
     * Integrated gradients of the similarity along the joint path (x0_A + α Δ_A, x0_B + α Δ_B).
     *
     * @param tokenScoresA  IG of A's word vectors [T_A]
     * @param tokenScoresB  IG of B's [T_B]
     * @param residual      Δs − Σ of both: the quadrature's completeness gap
     * @param forwards      forward passes run (one sequence each)
     */
    public record IgResult(Quadrature quadrature, double similarity, double referenceValue, double[] tokenScoresA,
                           double[] tokenScoresB, double residual, int forwards) {
        public double delta() { return similarity - referenceValue; }

        public double relativeResidual() { return Math.abs(residual) / Math.max(Math.abs(delta()), 1e-300); }
    }

    /** The similarity of the two inputs' pooled vectors. */
    public double similarity(BertInput a, BertInput b) {
        return value(pooled(a, PathGradients.inputWords(model, a)), pooled(b, PathGradients.inputWords(model, b)));
    }

    /** Exact DeepLIFT of the similarity of {@code a} and {@code b}, each against its own {@code reference}. */
    public DeepLiftResult deepLift(BertInput a, BertInput b, Reference reference) {
        check(a, "text A");
        check(b, "text B");
        if (reference.leaves().size() != 1) throw new IllegalArgumentException("similarity attribution takes one reference, not an average");
        INDArray xa0 = reference.wordVectors(model.weights(), a, special), xb0 = reference.wordVectors(model.weights(), b, special);
        double[] pa = pooled(a, PathGradients.inputWords(model, a)), pa0 = pooled(a, xa0);
        double[] pb = pooled(b, PathGradients.inputWords(model, b)), pb0 = pooled(b, xb0);
        DeepLift dl = new DeepLift(model, special);
        Attribution attA = dl.attribute(a, reference, share(a, pb, pb0));
        Attribution attB = dl.attribute(b, reference, share(b, pa, pa0));
        return new DeepLiftResult(value(pa, pb), value(pa0, pb0), attA, attB);
    }

    /** Integrated gradients of the similarity with the rule {@code q}. */
    public IgResult integratedGradients(BertInput a, BertInput b, Reference reference, Quadrature q) {
        check(a, "text A");
        check(b, "text B");
        if (reference.leaves().size() != 1) throw new IllegalArgumentException("similarity attribution takes one reference, not an average");
        INDArray xa = PathGradients.inputWords(model, a), xa0 = reference.wordVectors(model.weights(), a, special);
        INDArray xb = PathGradients.inputWords(model, b), xb0 = reference.wordVectors(model.weights(), b, special);
        double[] alpha = q.nodes(), weight = q.weights();
        int ta = a.seqLen(), tb = b.seqLen(), h = model.config().hiddenSize();
        double[] ga = new double[ta * h], gb = new double[tb * h];
        Backprop backprop = new Backprop(model);
        for (int from = 0; from < alpha.length; from += PathGradients.BATCH) {
            int n = Math.min(PathGradients.BATCH, alpha.length - from);
            ForwardTrace trA = model.forward(PathGradients.replicate(a, n), pathPoints(xa0, xa, alpha, from, n), TraceOptions.builder().keepCaches().build());
            ForwardTrace trB = model.forward(PathGradients.replicate(b, n), pathPoints(xb0, xb, alpha, from, n), TraceOptions.builder().keepCaches().build());
            INDArray cotA = Nd4j.create(model.dataType(), (long) n * ta, h), cotB = Nd4j.create(model.dataType(), (long) n * tb, h);
            for (int k = 0; k < n; k++) {
                double[] va = pooling.pool(trA.lastHidden(), k, a.attentionMask()[0]);
                double[] vb = pooling.pool(trB.lastHidden(), k, b.attentionMask()[0]);
                cotA.get(rows(k, ta)).assign(pooling.cotangent(gradient(va, vb), a.attentionMask()[0], model.dataType()));
                cotB.get(rows(k, tb)).assign(pooling.cotangent(gradient(vb, va), b.attentionMask()[0], model.dataType()));
            }
            accumulate(ga, backprop.fromLastHidden(trA, cotA, GradientRequest.inputsOnly()).inputWordEmbeddings(), weight, from, n);
            accumulate(gb, backprop.fromLastHidden(trB, cotB, GradientRequest.inputsOnly()).inputWordEmbeddings(), weight, from, n);
        }
        double[] sa = PathGradients.rowDots(reshape(ga, ta, h), xa.sub(xa0)), sb = PathGradients.rowDots(reshape(gb, tb, h), xb.sub(xb0));
        double s = value(pooled(a, xa), pooled(b, xb)), s0 = value(pooled(a, xa0), pooled(b, xb0));
        return new IgResult(q, s, s0, sa, sb, s - s0 - sum(sa) - sum(sb), 2 * q.steps() + 4);
    }

    /**
     * Text A's share of Δs as a DeepLIFT objective: multipliers onto A's pooled vector (the exact rule for s, given B's
     * pooled vectors on input and reference), spread over h_L by the pooling weights.
     */
    private DeepLift.LastHiddenObjective share(BertInput self, double[] other, double[] other0) {
        int[] mask = self.attentionMask()[0];
        return (h, h0) -> {
            double[] a = pool(h, mask), a0 = pool(h0, mask);
            double[] g = multipliers(a, a0, other, other0);
            double share = 0;
            for (int j = 0; j < g.length; j++) share += g[j] * (a[j] - a0[j]);
            return new DeepLift.LastHiddenObjective.Seed(share, 0, pooling.cotangent(g, mask, model.dataType()));
        };
    }

    /** Exact DeepLIFT multipliers of s onto a: Σ g·Δa + (the same for b) = s(a, b) − s(a0, b0). */
    double[] multipliers(double[] a, double[] a0, double[] b, double[] b0) {
        int d = a.length;
        double[] g = new double[d];
        if (measure == Measure.DOT) {
            for (int j = 0; j < d; j++) g[j] = (b[j] + b0[j]) / 2;
            return g;
        }
        double[] ub = unit(b), ub0 = unit(b0), wbar = new double[d], abar = new double[d];
        for (int j = 0; j < d; j++) {
            wbar[j] = (ub[j] + ub0[j]) / 2;
            abar[j] = (a[j] + a0[j]) / 2;
        }
        double q = dot(a, a), q0 = dot(a0, a0), v = 1 / Math.sqrt(q), v0 = 1 / Math.sqrt(q0);
        double vbar = (v + v0) / 2;
        // secant of v(q) = q^(-1/2); its derivative at the midpoint when q and q0 agree to rounding
        double sigma = Math.abs(q - q0) > 1e-9 * Math.max(q, q0) ? (v - v0) / (q - q0) : -0.5 * Math.pow((q + q0) / 2, -1.5);
        double wa = dot(wbar, abar);
        for (int j = 0; j < d; j++) g[j] = vbar * wbar[j] + 2 * sigma * wa * abar[j];
        return g;
    }

    /** ∂s/∂a at (a, b). */
    private double[] gradient(double[] a, double[] b) {
        if (measure == Measure.DOT) return b.clone();
        double na = Math.sqrt(dot(a, a)), nb = Math.sqrt(dot(b, b)), s = dot(a, b) / (na * nb);
        double[] g = new double[a.length];
        for (int j = 0; j < a.length; j++) g[j] = (b[j] / nb - s * a[j] / na) / na;
        return g;
    }

    double value(double[] a, double[] b) {
        return measure == Measure.DOT ? dot(a, b) : dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }

    double[] pooled(BertInput in, INDArray words) {
        return pooling.pool(model.forward(in, words, TraceOptions.none()).lastHidden(), 0, in.attentionMask()[0]);
    }

    private double[] pool(INDArray rows, int[] mask) {
        return pooling.pool(rows.reshape(1, rows.size(0), rows.size(1)), 0, mask);
    }

    private void check(BertInput in, String what) {
        if (in.batchSize() != 1) throw new IllegalArgumentException(what + ": one sequence, got a batch of " + in.batchSize());
        in.validate(model.config());
    }

    private static INDArray pathPoints(INDArray x0, INDArray x, double[] alpha, int from, int n) {
        long t = x.size(0);
        INDArray out = Nd4j.create(x.dataType(), n * t, x.size(1));
        INDArray delta = x.sub(x0);
        for (int k = 0; k < n; k++) out.get(rows(k, (int) t)).assign(x0.add(delta.mul(alpha[from + k])));
        return out;
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex[] rows(int k, int t) {
        return new org.nd4j.linalg.indexing.INDArrayIndex[]{org.nd4j.linalg.indexing.NDArrayIndex.interval((long) k * t, (long) (k + 1) * t),
                org.nd4j.linalg.indexing.NDArrayIndex.all()};
    }

    private static void accumulate(double[] sum, INDArray grads, double[] weight, int from, int n) {
        double[] g = grads.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        int per = sum.length;
        for (int k = 0; k < n; k++) for (int i = 0; i < per; i++) sum[i] += weight[from + k] * g[k * per + i];
    }

    private static double[][] reshape(double[] flat, int t, int h) {
        double[][] out = new double[t][h];
        for (int i = 0; i < t; i++) System.arraycopy(flat, i * h, out[i], 0, h);
        return out;
    }

    private static double[] unit(double[] a) {
        double n = Math.sqrt(dot(a, a));
        double[] u = new double[a.length];
        for (int j = 0; j < a.length; j++) u[j] = a[j] / n;
        return u;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += a[j] * b[j];
        return s;
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s;
    }
}
