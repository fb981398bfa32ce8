package org.bertology4j.analysis.probe;

import java.util.Arrays;

/**
 * Dependency probe of Clark et al. section 5: {@code p(c|d) ∝ exp(Σ_k w_k(d,c) f_k[d][c])} over the candidate
 * heads c (all other words and the root). Attention-only: {@code w_k} is one learned weight per feature.
 * With word vectors: {@code w(d,c) = W_d v_d + W_c v_c + b} (two linear maps of {@code [v_d; v_c]} plus a bias;
 * the root's vector is zero, so its weights are the bias). Loss: mean over the sentence's words of
 * -log p(gold head | word); trained by Adam, one step per sentence.
 */
public final class ArcProbe {
    private final int k, dim;
    private final double[] params;
    private final Adam adam;
    private long sentences;

    /**
     * @param features  number of features K
     * @param dimension word-vector size D, 0 for the attention-only probe
     * @param lr        Adam learning rate (0.002 in the authors' released code, clarkkev/attention-analysis; the paper
     *                  gives no learning rate)
     */
    public ArcProbe(int features, int dimension, double lr) {
        this.k = features;
        this.dim = dimension;
        this.params = new double[dimension == 0 ? features : 2 * features * dimension + features];
        this.adam = new Adam(params.length, lr);
    }

    /** Number of features K. */
    public int features() { return k; }

    /** Word-vector size, 0 when attention-only. */
    public int dimension() { return dim; }

    /** Sentences trained on. */
    public long sentences() { return sentences; }

    /** The parameters (live array). */
    public double[] parameters() { return params; }

    /**
     * The full training state (shape, parameters, Adam moments and step, sentences seen) as JSON, the arrays as
     * base64 of their IEEE-754 bits: a resumed run continues exactly where this one stopped.
     */
    public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
        var n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        n.put("features", k).put("dimension", dim).put("lr", adam.lr).put("sentences", sentences).put("adam_steps", adam.t);
        n.put("parameters", encode(params)).put("adam_m", encode(adam.m)).put("adam_v", encode(adam.v));
        return n;
    }

    /** A probe restored from {@link #toJson()}; the message names what is wrong otherwise. */
    public static ArcProbe fromJson(com.fasterxml.jackson.databind.JsonNode n) {
        for (String f : new String[]{"features", "dimension", "lr", "sentences", "adam_steps", "parameters", "adam_m", "adam_v"}) {
            if (n == null || !n.has(f)) throw new IllegalArgumentException("probe state lacks '" + f + "'");
        }
        ArcProbe p = new ArcProbe(n.get("features").asInt(), n.get("dimension").asInt(), n.get("lr").asDouble());
        decode(n.get("parameters").asText(), p.params, "parameters");
        decode(n.get("adam_m").asText(), p.adam.m, "adam_m");
        decode(n.get("adam_v").asText(), p.adam.v, "adam_v");
        p.adam.t = n.get("adam_steps").asLong();
        p.sentences = n.get("sentences").asLong();
        return p;
    }

    private static String encode(double[] a) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * a.length);
        b.asDoubleBuffer().put(a);
        return java.util.Base64.getEncoder().encodeToString(b.array());
    }

    private static void decode(String text, double[] into, String what) {
        byte[] bytes = java.util.Base64.getDecoder().decode(text);
        if (bytes.length != 8 * into.length) {
            throw new IllegalArgumentException("probe state '" + what + "' has " + bytes.length / 8 + " values, expected " + into.length);
        }
        java.nio.ByteBuffer.wrap(bytes).asDoubleBuffer().get(into);
    }

    /** Scores {@code s[d][c]}, c = n the root; {@code s[d][d] = -inf}. */
    double[][] scores(ArcFeatures f, double[][] vectors) {
        check(f, vectors);
        int n = f.words();
        double[][] w0 = new double[n][k], w1 = new double[n + 1][k];
        weights(vectors, w0, w1);
        double[][] s = new double[n][n + 1];
        for (int d = 0; d < n; d++)
            for (int c = 0; c <= n; c++) {
                if (c == d) { s[d][c] = Double.NEGATIVE_INFINITY; continue; }
                double v = 0;
                for (int q = 0; q < k; q++) v += (w0[d][q] + w1[c][q]) * f.values()[q][d][c];
                s[d][c] = v;
            }
        return s;
    }

    // Per-word parts of the weights: w(d,c)_k = w0[d][k] + w1[c][k].
    private void weights(double[][] vectors, double[][] w0, double[][] w1) {
        int n = w0.length;
        if (dim == 0) {
            for (double[] row : w0) System.arraycopy(params, 0, row, 0, k);
            return;
        }
        int wc = k * dim, b = 2 * k * dim;
        for (int d = 0; d < n; d++)
            for (int q = 0; q < k; q++) {
                double a = params[b + q], c = 0;
                for (int j = 0; j < dim; j++) {
                    a += params[q * dim + j] * vectors[d][j];
                    c += params[wc + q * dim + j] * vectors[d][j];
                }
                w0[d][q] = a;
                w1[d][q] = c;
            }
        // w1[n] (root) stays zero.
    }

    /** Predicted head of each word: 0-based word index, or -1 for the root; lowest index on ties (root last). */
    public int[] predict(ArcFeatures f, double[][] vectors) {
        double[][] s = scores(f, vectors);
        int n = f.words();
        int[] out = new int[n];
        for (int d = 0; d < n; d++) {
            int best = 0;
            for (int c = 1; c <= n; c++) if (s[d][c] > s[d][best]) best = c;
            out[d] = best == n ? -1 : best;
        }
        return out;
    }

    /**
     * Loss of a sentence and its gradient.
     *
     * @param gold 0-based head of each word, -1 for the root
     * @param grad receives d loss / d parameters (overwritten), or null
     */
    public double loss(ArcFeatures f, double[][] vectors, int[] gold, double[] grad) {
        double[][] s = scores(f, vectors);
        int n = f.words();
        if (gold.length != n) throw new IllegalArgumentException("gold has " + gold.length + " heads for " + n + " words");
        double[][] g = new double[n][n + 1];
        double loss = HeadChoiceLoss.mean(s, gold, g);
        if (grad != null) gradient(f, vectors, g, grad);
        return loss;
    }

    private void gradient(ArcFeatures f, double[][] vectors, double[][] g, double[] grad) {
        Arrays.fill(grad, 0);
        int n = f.words();
        // ga[d][q] = Σ_c g f_q[d][c] (dependent side), gb[c][q] = Σ_d g f_q[d][c] (candidate side).
        double[][] ga = new double[n][k], gb = new double[n + 1][k];
        for (int q = 0; q < k; q++) {
            double[][] fq = f.values()[q];
            for (int d = 0; d < n; d++)
                for (int c = 0; c <= n; c++) {
                    if (c == d) continue;
                    double x = g[d][c] * fq[d][c];
                    ga[d][q] += x;
                    gb[c][q] += x;
                }
        }
        if (dim == 0) {
            for (int d = 0; d < n; d++) for (int q = 0; q < k; q++) grad[q] += ga[d][q];
            return;
        }
        int wc = k * dim, b = 2 * k * dim;
        for (int d = 0; d < n; d++)
            for (int q = 0; q < k; q++) {
                grad[b + q] += ga[d][q];
                for (int j = 0; j < dim; j++) {
                    grad[q * dim + j] += ga[d][q] * vectors[d][j];
                    grad[wc + q * dim + j] += gb[d][q] * vectors[d][j];
                }
            }
    }

    /** One Adam step on one sentence; returns its loss before the step. */
    public double train(ArcFeatures f, double[][] vectors, int[] gold) {
        double[] grad = new double[params.length];
        double l = loss(f, vectors, gold, grad);
        adam.step(params, grad);
        sentences++;
        return l;
    }

    private void check(ArcFeatures f, double[][] vectors) {
        if (f.size() != k) throw new IllegalArgumentException("probe has " + k + " features, sentence has " + f.size());
        if (dim > 0) {
            if (vectors == null || vectors.length != f.words()) throw new IllegalArgumentException("need one word vector per word");
            for (double[] v : vectors) if (v.length != dim) throw new IllegalArgumentException("word vector of size " + v.length + ", probe expects " + dim);
        }
    }
}
