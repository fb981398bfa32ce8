package org.bertology4j.core.attribution;

import org.bertology4j.core.deeplift.Target;
import org.bertology4j.core.grad.Backprop;
import org.bertology4j.core.grad.GradientRequest;
import org.bertology4j.core.grad.Gradients;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ScratchMemory;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Attention × gradient: A_{l,h}[i][j]·∂F/∂A_{l,h}[i][j] for every layer, head and attention entry, from one forward
 * and one backward pass (the integrand of Hao et al. 2021's attention attribution at α = 1; as in Chefer et al. 2021,
 * the gradient tells which attention weights the target depends on, the weight how much is there). The first-order
 * change of F when one head's map is scaled: Σ_{i,j} of a head's entries is dF/dλ of F with that head's probabilities
 * replaced by λ·A at λ = 1, the property its test checks. Thread-safe.
 */
public final class AttentionTimesGradient {
    private final BertModel model;

    public AttentionTimesGradient(BertModel model) { this.model = model; }

    /**
     * @param target      the target (QA argmax resolved)
     * @param headMaps    A ⊙ ∂F/∂A [L][heads][T][T], rows = attending (output) token, columns = attended token
     * @param targetValue F(x)
     */
    public record Result(Target target, double[][][][] headMaps, double targetValue) {
        /** The maps summed over heads [L][T][T]. */
        public double[][][] layerMaps() {
            int l = headMaps.length, t = headMaps[0][0].length;
            double[][][] out = new double[l][t][t];
            for (int n = 0; n < l; n++) for (double[][] head : headMaps[n]) for (int i = 0; i < t; i++) for (int j = 0; j < t; j++) out[n][i][j] += head[i][j];
            return out;
        }

        /** Per layer, what each token's attention-received contributes: column sums of {@link #layerMaps()} [L][T]. */
        public double[][] tokenScores() {
            double[][][] m = layerMaps();
            double[][] out = new double[m.length][m[0].length];
            for (int n = 0; n < m.length; n++) for (double[] row : m[n]) for (int j = 0; j < row.length; j++) out[n][j] += row[j];
            return out;
        }

        /** Forward and backward passes run: one each. */
        public int forwards() { return 1; }
    }

    /** Attention × gradient of {@code target} for one sequence. */
    public Result attribute(BertInput input, Target target) {
        return ScratchMemory.run(PathGradients.SCRATCH, () -> attributeInScratch(input, target));
    }

    private Result attributeInScratch(BertInput input, Target target) {
        PathGradients.checkOneSequence(input, model, "attention x gradient");
        ForwardTrace trace = model.forward(input, TraceOptions.builder().keepCaches().keepAttention().build());
        Target resolved = TargetGradient.resolve(model, target, trace.lastHiddenRows(), input.attentionMask()[0]);
        TargetGradient.Result r = TargetGradient.of(model, resolved, trace.lastHiddenRows(), 1, input.seqLen());
        Gradients g = new Backprop(model).fromLastHidden(trace, r.cotangent(), new GradientRequest(false, true));
        int layers = model.config().numHiddenLayers(), heads = model.config().numAttentionHeads(), t = input.seqLen();
        double[][][][] maps = new double[layers][heads][t][t];
        for (int l = 0; l < layers; l++) {
            double[] a = trace.attention(l, 0).castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
            double[] d = g.attention(l).castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
            for (int h = 0; h < heads; h++) for (int i = 0; i < t; i++) for (int j = 0; j < t; j++) {
                int k = (h * t + i) * t + j;
                maps[l][h][i][j] = a[k] * d[k];
            }
        }
        return new Result(resolved, maps, r.values()[0]);
    }
}
