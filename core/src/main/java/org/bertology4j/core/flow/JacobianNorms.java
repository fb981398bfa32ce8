package org.bertology4j.core.flow;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Random;

/**
 * Information-flow maps of one sequence (methods.md, "Information flow"). All maps are
 * {@code double[layers][T][T]} with entry {@code [n][t2][t1]} = flow from token t1 into token t2 at layer n+1:
 * <ul>
 * <li>A: attention of t2 to t1 in layer n+1, mean over heads;</li>
 * <li>G: ‖∂(Σ_k h_{n+1}[t2]_k)/∂h_n[t1]‖₂ — one VJP with a ones cotangent at t2 of h_{n+1};</li>
 * <li>G*: the same VJP carried back to h_0[t1].</li>
 * </ul>
 * All T target tokens are propagated together (T stacked cotangents, {@link LayerVjp}); the first layer of
 * each VJP uses the one-row structure of the cotangent. Option {@link Measure#FROBENIUS_EXACT}: the Frobenius
 * norm of the H×H Jacobian block, from H one-hot cotangents per target; {@link #frobeniusEstimate}: an
 * unbiased random-probe estimate of its square with a standard error. The {@code targets} overloads of
 * {@link #gradient} and {@link #gradientFromEmbeddings} compute only the rows of chosen target tokens.
 */
public final class JacobianNorms {
    /** What G and G* measure. */
    public enum Measure {
        /** 2-norm of the VJP with a ones cotangent (the project's reading of the study's G, methods.md). */
        ONES_VJP,
        /** Exact Frobenius norm of the Jacobian block (H cotangents per target token). */
        FROBENIUS_EXACT
    }

    /**
     * A, G and G* of one sequence, each [layers][T][T]; immutable like {@code grad.Gradients} and
     * {@code deeplift.Attribution}: the arrays are copied in and out.
     */
    public record Maps(double[][][] attention, double[][][] gradient, double[][][] gradientFromEmbeddings) {
        public Maps {
            attention = copy(attention);
            gradient = copy(gradient);
            gradientFromEmbeddings = copy(gradientFromEmbeddings);
        }

        @Override
        public double[][][] attention() { return copy(attention); }

        @Override
        public double[][][] gradient() { return copy(gradient); }

        @Override
        public double[][][] gradientFromEmbeddings() { return copy(gradientFromEmbeddings); }

        /** Number of layers L. */
        public int numLayers() { return attention.length; }

        /** Sequence length T. */
        public int length() { return attention.length == 0 ? 0 : attention[0].length; }
    }

    private static double[][][] copy(double[][][] a) {
        return java.util.Arrays.stream(a).map(JacobianNorms::copy).toArray(double[][][]::new);
    }

    private static double[][] copy(double[][] a) { return java.util.Arrays.stream(a).map(double[]::clone).toArray(double[][]::new); }

    private final BertModel model;

    public JacobianNorms(BertModel model) { this.model = model; }

    /**
     * Runs the forward pass (keeping caches and attention) and computes A, G and G*: the counterpart of
     * {@code Backprop.compute(input, loss, request)} and {@code DeepLift.attribute(input, ...)}.
     */
    public Maps compute(BertInput oneSequence, Measure measure) { return compute(forward(oneSequence), measure); }

    /** The same from a forward pass of one sequence that kept caches and attention (see {@link #forward}). */
    public Maps compute(ForwardTrace trace, Measure measure) {
        return new Maps(attention(trace), gradient(trace, measure), gradientFromEmbeddings(trace, measure));
    }

    /** The forward pass the maps need (caches + attention), batch size 1. */
    public ForwardTrace forward(BertInput oneSequence) {
        if (oneSequence.batchSize() != 1) {
            throw new IllegalArgumentException("Jacobian norms take one sequence, got a batch of " + oneSequence.batchSize());
        }
        return model.forward(oneSequence, TraceOptions.builder().keepCaches().keepAttention().build());
    }

    /** A_n[t2][t1]: attention of t2 to t1, mean over heads. */
    public static double[][][] attention(ForwardTrace trace) {
        int layers = trace.numLayers();
        double[][][] out = new double[layers][][];
        for (int l = 0; l < layers; l++) out[l] = trace.attention(l, 0).mean(0).toDoubleMatrix();
        return out;
    }

    /** G for all layers: out[n][t2][t1] from the VJP of layer n+1's output at t2 to its input at t1. */
    public double[][][] gradient(ForwardTrace trace, Measure measure) {
        LayerVjp vjp = new LayerVjp(model, trace);
        double[][][] out = new double[vjp.numLayers()][][];
        for (int n = 0; n < vjp.numLayers(); n++) out[n] = flow(vjp, n, n, measure);
        return out;
    }

    /** G* for all layers: out[n][t2][t1] from layer n+1's output at t2 back to h_0 at t1. */
    public double[][][] gradientFromEmbeddings(ForwardTrace trace, Measure measure) {
        return gradientFromEmbeddings(trace, measure, allTokens(trace.seqLen()));
    }

    /**
     * G into the given target tokens only: out[n][k][t1] = G_{n+1}(t1, targets[k]), the rows {@code targets} of
     * {@link #gradient(ForwardTrace, Measure)}. The cost is proportional to the number of targets instead of T, which
     * is what a study of a few token pairs per sequence needs (e.g. noun into pronoun).
     *
     * @throws IndexOutOfBoundsException when a target is not a token of the sequence
     */
    public double[][][] gradient(ForwardTrace trace, Measure measure, int[] targets) {
        LayerVjp vjp = new LayerVjp(model, trace);
        checkTargets(vjp, targets);
        double[][][] out = new double[vjp.numLayers()][][];
        for (int n = 0; n < vjp.numLayers(); n++) out[n] = flow(vjp, n, n, measure, targets);
        return out;
    }

    /** G* into the given target tokens only: the rows {@code targets} of {@link #gradientFromEmbeddings(ForwardTrace, Measure)}. */
    public double[][][] gradientFromEmbeddings(ForwardTrace trace, Measure measure, int[] targets) {
        return gradientFromEmbeddings(trace, measure, targets, STACKED_ROWS);
    }

    /**
     * Rows of cotangents carried down the layers together by {@link #gradientFromEmbeddings}: bounds the memory of
     * one layer's VJP (its FFN cotangent is [rows, 4H]: 200 MB in float32 for BERT-base).
     */
    static final int STACKED_ROWS = 16384;

    /** As {@link #gradientFromEmbeddings(ForwardTrace, Measure, int[])} with a bound on the rows carried together. */
    double[][][] gradientFromEmbeddings(ForwardTrace trace, Measure measure, int[] targets, int stackedRows) {
        LayerVjp vjp = new LayerVjp(model, trace);
        checkTargets(vjp, targets);
        if (measure == Measure.ONES_VJP) return onesFromEmbeddings(vjp, targets, stackedRows);
        double[][][] out = new double[vjp.numLayers()][][];
        for (int n = 0; n < vjp.numLayers(); n++) out[n] = flow(vjp, n, 0, measure, targets);
        return out;
    }

    /**
     * G* of every layer in one downward sweep: the cotangents of all top layers that have entered so far cross each
     * layer together (the top layer's at every layer, layer n's from layer n down), instead of one sweep per top
     * layer. The same layer VJPs, in fewer and larger products; results equal the per-layer sweeps up to rounding
     * (the tests compare them). Targets are taken in groups so that at most {@code stackedRows} rows cross a layer.
     */
    private double[][][] onesFromEmbeddings(LayerVjp vjp, int[] targets, int stackedRows) {
        int layers = vjp.numLayers(), t = vjp.seqLen(), h = vjp.hidden();
        double[][][] out = new double[layers][targets.length][];
        int group = Math.max(1, Math.min(targets.length, stackedRows / (layers * t)));
        // Two buffers of the full stack, swapped each layer: a layer reads its rows of one and writes into the other.
        INDArray[] buffers = {Nd4j.create(model.dataType(), new long[]{(long) layers * group * t, h}, 'c'),
                Nd4j.create(model.dataType(), new long[]{(long) layers * group * t, h}, 'c')};
        for (int from = 0; from < targets.length; from += group) {
            int[] part = java.util.Arrays.copyOfRange(targets, from, Math.min(targets.length, from + group));
            int k = part.length;
            long block = (long) k * t;
            int current = 0;
            for (int n = layers - 1; n >= 0; n--) {                      // blocks of k·T rows: top L-1 first
                long above = (layers - 1 - n) * block;                       // rows of the top layers already entered
                if (above > 0) {
                    vjp.backInto(n, rows(buffers[current], 0, above), buffers[1 - current]);
                    current = 1 - current;
                }
                INDArray entering = vjp.rowCotangents(n, part.clone(), Nd4j.ones(model.dataType(), k, h));
                rows(buffers[current], above, above + block).assign(entering);
            }
            INDArray stack = rows(buffers[current], 0, layers * block);
            double[][] norms = rowNorms(stack, layers * k, t, h, false);
            for (int b = 0; b < layers; b++) {
                for (int i = 0; i < k; i++) out[layers - 1 - b][from + i] = norms[b * k + i];
            }
        }
        return out;
    }

    private static void checkTargets(LayerVjp vjp, int[] targets) {
        if (targets.length == 0) throw new IllegalArgumentException("no target tokens");
        for (int t : targets) {
            if (t < 0 || t >= vjp.seqLen()) throw new IndexOutOfBoundsException("target token " + t + " not in [0, " + vjp.seqLen() + ")");
        }
    }

    /** [t2][t1] norms of the VJP from layer {@code top}'s output back to layer {@code bottom}'s input. */
    private double[][] flow(LayerVjp vjp, int top, int bottom, Measure measure) {
        return flow(vjp, top, bottom, measure, allTokens(vjp.seqLen()));
    }

    /** Every token of a sequence of length t as targets: 0 .. t-1. */
    private static int[] allTokens(int t) {
        int[] all = new int[t];
        for (int i = 0; i < t; i++) all[i] = i;
        return all;
    }

    /** [k][t1] norms of the VJP from layer {@code top}'s output at token targets[k] back to layer {@code bottom}'s input. */
    private double[][] flow(LayerVjp vjp, int top, int bottom, Measure measure, int[] targets) {
        int t = vjp.seqLen(), h = vjp.hidden(), k = targets.length;
        if (measure == Measure.ONES_VJP) {
            INDArray g = back(vjp, top, bottom, targets.clone(), Nd4j.ones(model.dataType(), k, h));
            return rowNorms(g, k, t, h, false);
        }
        double[][] sq = new double[k][];
        int[] tokens = new int[h];
        for (int i = 0; i < k; i++) {
            java.util.Arrays.fill(tokens, targets[i]);
            INDArray g = back(vjp, top, bottom, tokens, Nd4j.eye(h).castTo(model.dataType()));
            double[][] per = rowNorms(g, h, t, h, true);                    // [i][t1] squared
            sq[i] = new double[t];
            for (double[] row : per) for (int t1 = 0; t1 < t; t1++) sq[i][t1] += row[t1];
            for (int t1 = 0; t1 < t; t1++) sq[i][t1] = Math.sqrt(sq[i][t1]);
        }
        return sq;
    }

    /** Rows [from, to) of a row-major [R, H] array, a view. */
    private static INDArray rows(INDArray a, long from, long to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    private static INDArray back(LayerVjp vjp, int top, int bottom, int[] tokens, INDArray rows) {
        INDArray g = vjp.rowCotangents(top, tokens, rows);
        return top > bottom ? vjp.back(top - 1, bottom, g) : g;
    }

    /** Norms over H of g [K·T, H] as [K][T] (squared when asked). */
    private static double[][] rowNorms(INDArray g, int k, int t, int h, boolean squared) {
        INDArray sq = g.mul(g).sum(1).reshape('c', k, t);
        double[][] out = sq.toDoubleMatrix();
        if (!squared) for (double[] r : out) for (int i = 0; i < r.length; i++) r[i] = Math.sqrt(r[i]);
        return out;
    }

    /** Probe distribution of the Frobenius estimator. */
    public enum Probe { RADEMACHER, GAUSSIAN }

    /**
     * Unbiased estimate of ‖∂h_top[t2]/∂h_bottom-input[t1]‖²_F from k probes v (E[vvᵀ] = I):
     * mean over probes of ‖vᵀJ‖², with its standard error (sample SD / √k). Arrays [t2][t1].
     */
    public record FrobeniusEstimate(double[][] squaredNorm, double[][] standardError, int probes) {
        public FrobeniusEstimate {
            squaredNorm = copy(squaredNorm);
            standardError = copy(standardError);
        }

        @Override
        public double[][] squaredNorm() { return copy(squaredNorm); }

        @Override
        public double[][] standardError() { return copy(standardError); }

        /** Estimated Frobenius norm √(estimate), clamped at 0. */
        public double norm(int t2, int t1) { return Math.sqrt(Math.max(0, squaredNorm[t2][t1])); }
    }

    /** Random-probe estimate for layer {@code top}'s output back to layer {@code bottom}'s input. */
    public FrobeniusEstimate frobeniusEstimate(ForwardTrace trace, int top, int bottom, int probes, Probe probe, long seed) {
        if (probes < 2) throw new IllegalArgumentException("the estimator needs at least 2 probes for a standard error, got " + probes);
        LayerVjp vjp = new LayerVjp(model, trace);
        checkLayers(vjp, top, bottom);
        int t = vjp.seqLen(), h = vjp.hidden();
        Random r = new Random(seed);
        double[][] mean = new double[t][t], se = new double[t][t];
        int[] tokens = new int[probes];
        for (int t2 = 0; t2 < t; t2++) {
            java.util.Arrays.fill(tokens, t2);
            double[][] v = new double[probes][h];
            for (double[] row : v) for (int i = 0; i < h; i++) row[i] = probe == Probe.GAUSSIAN ? r.nextGaussian() : (r.nextBoolean() ? 1 : -1);
            INDArray g = back(vjp, top, bottom, tokens, Nd4j.create(v).castTo(model.dataType()));
            double[][] s = rowNorms(g, probes, t, h, true);                     // [probe][t1]
            for (int t1 = 0; t1 < t; t1++) {
                double m = 0, m2 = 0;
                for (int j = 0; j < probes; j++) m += s[j][t1];
                m /= probes;
                for (int j = 0; j < probes; j++) m2 += (s[j][t1] - m) * (s[j][t1] - m);
                mean[t2][t1] = m;
                se[t2][t1] = Math.sqrt(m2 / (probes - 1) / probes);
            }
        }
        return new FrobeniusEstimate(mean, se, probes);
    }

    /** Exact Frobenius norms [t2][t1] for layer {@code top}'s output back to layer {@code bottom}'s input. */
    public double[][] frobeniusExact(ForwardTrace trace, int top, int bottom) {
        LayerVjp vjp = new LayerVjp(model, trace);
        checkLayers(vjp, top, bottom);
        return flow(vjp, top, bottom, Measure.FROBENIUS_EXACT);
    }

    private static void checkLayers(LayerVjp vjp, int top, int bottom) {
        if (top < 0 || top >= vjp.numLayers() || bottom < 0 || bottom > top) {
            throw new IndexOutOfBoundsException("layers top " + top + ", bottom " + bottom + " must satisfy 0 <= bottom <= top < " + vjp.numLayers());
        }
    }

    /**
     * Word-level map from a piece-level map [layers][T][T]: entry [w2][w1] = mean over w2's pieces (t2) of the
     * sum over w1's pieces (t1). {@code wordOfPiece[t]} gives each piece's word; [CLS] and [SEP] get their own
     * word indices. For attention this is "attention to a word = sum, from a word = mean" too.
     */
    public static double[][][] toWords(double[][][] pieceMap, int[] wordOfPiece, int words) {
        int[] count = new int[words];
        for (int t = 0; t < wordOfPiece.length; t++) {
            int w = wordOfPiece[t];
            if (w < 0 || w >= words) throw new IllegalArgumentException("piece " + t + " maps to word " + w + ", not in [0, " + words + ")");
            count[w]++;
        }
        for (int w = 0; w < words; w++) if (count[w] == 0) throw new IllegalArgumentException("word " + w + " has no piece");
        double[][][] out = new double[pieceMap.length][words][words];
        for (int n = 0; n < pieceMap.length; n++) {
            if (pieceMap[n].length != wordOfPiece.length) {
                throw new IllegalArgumentException("map of layer " + n + " has " + pieceMap[n].length + " rows for " + wordOfPiece.length + " pieces");
            }
            for (int t2 = 0; t2 < wordOfPiece.length; t2++) {
                for (int t1 = 0; t1 < wordOfPiece.length; t1++) {
                    out[n][wordOfPiece[t2]][wordOfPiece[t1]] += pieceMap[n][t2][t1] / count[wordOfPiece[t2]];
                }
            }
        }
        return out;
    }
}
