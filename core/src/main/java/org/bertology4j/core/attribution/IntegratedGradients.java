package org.bertology4j.core.attribution;

import org.bertology4j.core.deeplift.Reference;
import org.bertology4j.core.deeplift.SpecialTokens;
import org.bertology4j.core.deeplift.Target;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ScratchMemory;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Integrated gradients (Sundararajan et al. 2017) of a {@link Target} w.r.t. the word-embedding vectors:
 * IG_t = Σ_h (x − x0)_{t,h} · ∫₀¹ ∂F/∂e_{t,h}(x0 + α(x − x0)) dα, the integral by a {@link Quadrature}. The
 * references are DeepLIFT's ({@link Reference}: only the word vectors of content tokens change), so the two methods
 * explain the same Δ = F(x) − F(x0). Completeness (Σ_t IG_t = Δ) holds for the exact integral; the quadrature leaves
 * a gap, reported as {@link Result#residual()} (see {@link #convergence}). Thread-safe.
 */
public final class IntegratedGradients {
    private final BertModel model;
    private final SpecialTokens special;

    /** For a BERT vocabulary ({@link SpecialTokens#bert()}). */
    public IntegratedGradients(BertModel model) { this(model, SpecialTokens.bert()); }

    /** With explicit special-token ids for the [PAD]/[MASK] references. */
    public IntegratedGradients(BertModel model, SpecialTokens special) {
        this.model = model;
        this.special = special;
    }

    /**
     * One attribution.
     *
     * @param target          what was explained (QA argmax positions resolved on the input)
     * @param quadrature      the rule's name
     * @param tokenScores     IG of each token's word vector [T] (mean over references for an average)
     * @param targetInput     F(x)
     * @param targetReference F(x0) (mean over references)
     * @param residual        Δ − Σ tokenScores: the quadrature's completeness gap
     * @param forwards        forward passes run (points plus input and references), one sequence each
     * @param backwards       backward passes run
     */
    public record Result(Target target, Quadrature quadrature, double[] tokenScores, double targetInput,
                         double targetReference, double residual, int forwards, int backwards) {
        /** Δ = F(x) − F(x0). */
        public double delta() { return targetInput - targetReference; }

        /** |residual| / |Δ|. */
        public double relativeResidual() { return Math.abs(residual) / Math.max(Math.abs(delta()), 1e-300); }

        public int length() { return tokenScores.length; }
    }

    /** Integrated gradients of {@code target} for one sequence against {@code reference} with the rule {@code q}. */
    public Result attribute(BertInput input, Reference reference, Target target, Quadrature q) {
        return ScratchMemory.run(PathGradients.SCRATCH, () -> attributeInScratch(input, reference, target, q));
    }

    private Result attributeInScratch(BertInput input, Reference reference, Target target, Quadrature q) {
        PathGradients.checkOneSequence(input, model, "integrated gradients");
        INDArray x = PathGradients.inputWords(model, input);
        Target resolved = PathGradients.resolve(model, input, target, x);
        List<Reference> leaves = reference.leaves();
        int t = input.seqLen();
        double[] scores = new double[t];
        double fx = 0, fx0 = 0;
        for (Reference r : leaves) {
            INDArray x0 = r.wordVectors(model.weights(), input, special);
            double[] v = PathGradients.values(model, input, resolved, x, x0);
            fx = v[0];
            fx0 += v[1] / leaves.size();
            double[][] avgGrad = PathGradients.integrate(model, input, resolved, x, x0, q);
            double[] s = PathGradients.rowDots(avgGrad, x.sub(x0));
            for (int i = 0; i < t; i++) scores[i] += s[i] / leaves.size();
        }
        double sum = 0;
        for (double s : scores) sum += s;
        int n = leaves.size();
        return new Result(resolved, q, scores, fx, fx0, fx - fx0 - sum, n * (q.steps() + 2) + 1, n * q.steps());
    }

    /** The same attribution with each rule of {@code rules} (e.g. growing step counts): the completeness gap per rule. */
    public List<Result> convergence(BertInput input, Reference reference, Target target, List<Quadrature> rules) {
        List<Result> out = new ArrayList<>();
        for (Quadrature q : rules) out.add(attribute(input, reference, target, q));
        return out;
    }
}
