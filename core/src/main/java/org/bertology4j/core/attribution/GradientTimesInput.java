package org.bertology4j.core.attribution;

import org.bertology4j.core.deeplift.Target;
import org.bertology4j.core.grad.Backprop;
import org.bertology4j.core.grad.GradientRequest;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ScratchMemory;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradient × input (Shrikumar et al. 2016; Denil et al. 2014 for text): s_t = Σ_h e_{t,h}·∂F/∂e_{t,h}, the first-order
 * term of F along each token's word vector, from one forward and one backward pass. By Euler's identity Σ_t s_t is
 * the derivative of F(λ·E) at λ = 1 (all word vectors scaled together), the property its test checks. Thread-safe.
 */
public final class GradientTimesInput {
    private final BertModel model;

    public GradientTimesInput(BertModel model) { this.model = model; }

    /**
     * @param target        the target (QA argmax resolved)
     * @param tokenScores   e_t · ∂F/∂e_t [T]
     * @param gradientNorms ‖∂F/∂e_t‖₂ [T] (plain saliency)
     * @param targetValue   F(x)
     */
    public record Result(Target target, double[] tokenScores, double[] gradientNorms, double targetValue) {
        /** Forward and backward passes run: one each. */
        public int forwards() { return 1; }
    }

    /** Gradient × input of {@code target} for one sequence. */
    public Result attribute(BertInput input, Target target) {
        return ScratchMemory.run(PathGradients.SCRATCH, () -> attributeInScratch(input, target));
    }

    private Result attributeInScratch(BertInput input, Target target) {
        PathGradients.checkOneSequence(input, model, "gradient x input");
        INDArray x = PathGradients.inputWords(model, input);
        ForwardTrace trace = model.forward(input, x, TraceOptions.builder().keepCaches().build());
        Target resolved = TargetGradient.resolve(model, target, trace.lastHiddenRows(), input.attentionMask()[0]);
        TargetGradient.Result r = TargetGradient.of(model, resolved, trace.lastHiddenRows(), 1, input.seqLen());
        INDArray g = new Backprop(model).fromLastHidden(trace, r.cotangent(), GradientRequest.inputsOnly())
                .inputWordEmbeddings().reshape(input.seqLen(), x.size(1));
        double[][] gd = g.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] norms = new double[gd.length];
        for (int t = 0; t < gd.length; t++) {
            double s = 0;
            for (double v : gd[t]) s += v * v;
            norms[t] = Math.sqrt(s);
        }
        return new Result(resolved, PathGradients.rowDots(gd, x), norms, r.values()[0]);
    }
}
