package org.bertology4j.core.attribution;

import org.bertology4j.core.deeplift.Target;
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
 * Gradients of a target w.r.t. the word-embedding vectors at points of the straight path x0 + α(x − x0), run as
 * batches of points: one forward from word vectors (the engine's inputs_embeds entry) and one backward
 * ({@link Backprop#fromLastHidden}) per batch.
 */
final class PathGradients {
    /**
     * The per-thread workspace of the gradient-based attributions: each runs a forward that keeps its caches and a
     * backward, and returns Java values only, so their arrays live in memory reused from call to call
     * ({@link org.bertology4j.core.model.ScratchMemory#run}).
     */
    static final String SCRATCH = "bertology4j-attribution";

    /** Points per batch: wide enough for fast matrix products, small enough for BERT-base caches at 512 pieces. */
    static final int BATCH = 8;

    private PathGradients() {}

    /**
     * Σ_k w_k ∇_e F(x0 + α_k Δ) as [T][H] in double, Δ = x − x0.
     *
     * @param input one sequence: positions, segments and mask of every point
     * @param x     the input's word vectors [T, H]
     * @param x0    the reference's word vectors [T, H]
     */
    static double[][] integrate(BertModel model, BertInput input, Target resolved, INDArray x, INDArray x0, Quadrature q) {
        int t = input.seqLen(), h = (int) x.size(1);
        double[] alpha = q.nodes(), weight = q.weights();
        double[] sum = new double[t * h];
        INDArray delta = x.sub(x0);
        Backprop backprop = new Backprop(model);
        for (int from = 0; from < alpha.length; from += BATCH) {
            int n = Math.min(BATCH, alpha.length - from);
            INDArray words = Nd4j.create(x.dataType(), (long) n * t, h);
            for (int k = 0; k < n; k++) {
                words.get(org.nd4j.linalg.indexing.NDArrayIndex.interval((long) k * t, (long) (k + 1) * t),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(x0.add(delta.mul(alpha[from + k])));
            }
            BertInput batch = replicate(input, n);
            ForwardTrace trace = model.forward(batch, words, TraceOptions.builder().keepCaches().build());
            TargetGradient.Result r = TargetGradient.of(model, resolved, trace.lastHiddenRows(), n, t);
            double[] g = backprop.fromLastHidden(trace, r.cotangent(), GradientRequest.inputsOnly())
                    .inputWordEmbeddings().castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
            for (int k = 0; k < n; k++) {
                double wk = weight[from + k];
                for (int i = 0; i < t * h; i++) sum[i] += wk * g[k * t * h + i];
            }
        }
        double[][] out = new double[t][h];
        for (int i = 0; i < t; i++) System.arraycopy(sum, i * h, out[i], 0, h);
        return out;
    }

    /** The target's values on the given word vectors (each [T, H]) of one sequence, in one batch. */
    static double[] values(BertModel model, BertInput input, Target resolved, INDArray... words) {
        BertInput batch = replicate(input, words.length);
        ForwardTrace trace = model.forward(batch, Nd4j.concat(0, words), TraceOptions.none());
        return TargetGradient.of(model, resolved, trace.lastHiddenRows(), words.length, input.seqLen()).values();
    }

    /** The target with QA argmax positions taken from the input's own forward pass. */
    static Target resolve(BertModel model, BertInput input, Target target, INDArray x) {
        ForwardTrace trace = model.forward(input, x, TraceOptions.none());
        return TargetGradient.resolve(model, target, trace.lastHiddenRows(), input.attentionMask()[0]);
    }

    /** The input's word vectors [T, H] from the model's word table. */
    static INDArray inputWords(BertModel model, BertInput input) {
        return Nd4j.pullRows(model.weights().embeddings().wordEmbeddings(), 1, input.ids()[0]);
    }

    /** One sequence {@code n} times: ids, segments and mask. */
    static BertInput replicate(BertInput input, int n) {
        int[][] ids = new int[n][], seg = new int[n][], mask = new int[n][];
        for (int b = 0; b < n; b++) {
            ids[b] = input.ids()[0];
            seg[b] = input.segmentIds()[0];
            mask[b] = input.attentionMask()[0];
        }
        return BertInput.of(ids, seg, mask);
    }

    /** Σ_h a[t][h]·b[t][h] per row t. */
    static double[] rowDots(double[][] a, INDArray b) {
        double[] bd = b.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        int h = a[0].length;
        double[] out = new double[a.length];
        for (int t = 0; t < a.length; t++) for (int j = 0; j < h; j++) out[t] += a[t][j] * bd[t * h + j];
        return out;
    }

    static void checkOneSequence(BertInput input, BertModel model, String method) {
        if (input.batchSize() != 1) throw new IllegalArgumentException(method + " explains one sequence at a time; got a batch of " + input.batchSize());
        input.validate(model.config());
    }
}
