package org.bertology4j.analysis.probe;

import java.util.Arrays;
import java.util.Random;

/**
 * The "Distances + GloVe" baseline of Clark et al.'s Table 3 as the paper describes it (Sect. 5): "A simple
 * one-hidden-layer network that takes as input the GloVe embeddings for the dependent and candidate head as well as
 * distance features between the two words", with "Indicator features for short distances as well as continuous
 * distance features, with distance ahead/behind treated separately to capture word order" (footnote 5).
 *
 * <p>Score of candidate c for dependent d: {@code s(d,c) = u · tanh(W_d v_d + W_c v_c + W_f f(d,c) + b)}, softmax
 * over the candidates (every other word and the root, self excluded), trained by Adam on the mean over the sentence's
 * words of -log p(gold head), one step per sentence. The choices the paper leaves open follow the authors' released
 * code: {@value #HIDDEN} tanh units; distance features {@code f(d,c)} = how far c is ahead of d and how far behind,
 * each divided by the sentence length (0 on the other side), indicators of c being 1 and 2 words ahead and behind,
 * and an indicator of the root candidate. The root's vector {@code v_c} is zero (the dependent's vector is kept, so the
 * network can learn which words are roots). Weights start Glorot-uniform from a seed, biases at zero.
 */
final class DistanceNetworkProbe {
    /** Hidden units. */
    static final int HIDDEN = 256;
    /** Distance features: ahead, behind, at +1, -1, +2, -2, root. */
    static final int FEATURES = 7;

    private final int dim, hidden;
    // Layout: W_d [hidden][dim], W_c [hidden][dim], W_f [hidden][FEATURES], b [hidden], u [hidden].
    private final int wc, wf, bias, out;
    private final double[] params;
    private final Adam adam;
    private long sentences;

    /**
     * @param dimension word-vector size D
     * @param hidden    hidden units
     * @param lr        Adam learning rate
     * @param seed      seed of the initial weights
     */
    DistanceNetworkProbe(int dimension, int hidden, double lr, long seed) {
        if (dimension < 1 || hidden < 1) throw new IllegalArgumentException("dimension and hidden size must be positive");
        this.dim = dimension;
        this.hidden = hidden;
        this.wc = hidden * dimension;
        this.wf = 2 * hidden * dimension;
        this.bias = wf + hidden * FEATURES;
        this.out = bias + hidden;
        this.params = new double[out + hidden];
        this.adam = new Adam(params.length, lr);
        Random r = new Random(seed);
        double a = Math.sqrt(6.0 / (2 * dimension + FEATURES + hidden));  // Glorot over the whole input layer
        for (int i = 0; i < bias; i++) params[i] = (2 * r.nextDouble() - 1) * a;
        double b = Math.sqrt(6.0 / (hidden + 1));
        for (int i = out; i < params.length; i++) params[i] = (2 * r.nextDouble() - 1) * b;
    }

    /** Sentences trained on. */
    long sentences() { return sentences; }

    /** The parameters (live array). */
    double[] parameters() { return params; }

    /** Distance features of (d, c) in a sentence of {@code n} words; c = n is the root. */
    static double[] features(int d, int c, int n) {
        double[] f = new double[FEATURES];
        if (c == n) {
            f[6] = 1;
            return f;
        }
        int off = c - d;
        if (off > 0) f[0] = (double) off / n; else f[1] = (double) -off / n;
        if (off == 1) f[2] = 1;
        if (off == -1) f[3] = 1;
        if (off == 2) f[4] = 1;
        if (off == -2) f[5] = 1;
        return f;
    }

    /** Forward values of one sentence: pre-activations are not kept, only tanh outputs. */
    private double[][][] hidden(double[][] v) {
        int n = v.length;
        double[][] pd = new double[n][hidden], pc = new double[n + 1][hidden];
        for (int w = 0; w < n; w++)
            for (int k = 0; k < hidden; k++) {
                double x = 0, y = 0;
                int rd = k * dim, rc = wc + k * dim;
                for (int j = 0; j < dim; j++) {
                    x += params[rd + j] * v[w][j];
                    y += params[rc + j] * v[w][j];
                }
                pd[w][k] = x;
                pc[w][k] = y;
            }
        double[][][] t = new double[n][n + 1][];
        for (int d = 0; d < n; d++)
            for (int c = 0; c <= n; c++) {
                if (c == d) continue;
                double[] f = features(d, c, n), z = new double[hidden];
                for (int k = 0; k < hidden; k++) {
                    double s = pd[d][k] + pc[c][k] + params[bias + k];
                    for (int q = 0; q < FEATURES; q++) if (f[q] != 0) s += params[wf + k * FEATURES + q] * f[q];
                    z[k] = Math.tanh(s);
                }
                t[d][c] = z;
            }
        return t;
    }

    private double[][] scores(double[][][] t, int n) {
        double[][] s = new double[n][n + 1];
        for (int d = 0; d < n; d++)
            for (int c = 0; c <= n; c++) {
                if (c == d) { s[d][c] = Double.NEGATIVE_INFINITY; continue; }
                double x = 0;
                for (int k = 0; k < hidden; k++) x += params[out + k] * t[d][c][k];
                s[d][c] = x;
            }
        return s;
    }

    /** Predicted head of each word: 0-based word index, or -1 for the root; lowest index on ties (root last). */
    int[] predict(double[][] vectors) {
        check(vectors);
        int n = vectors.length;
        double[][] s = scores(hidden(vectors), n);
        int[] p = new int[n];
        for (int d = 0; d < n; d++) {
            int best = 0;
            for (int c = 1; c <= n; c++) if (s[d][c] > s[d][best]) best = c;
            p[d] = best == n ? -1 : best;
        }
        return p;
    }

    /**
     * Loss of a sentence (mean over its words of -log p(gold head)) and its gradient.
     *
     * @param gold 0-based head of each word, -1 for the root
     * @param grad receives d loss / d parameters (overwritten), or null
     */
    double loss(double[][] vectors, int[] gold, double[] grad) {
        check(vectors);
        int n = vectors.length;
        if (gold.length != n) throw new IllegalArgumentException("gold has " + gold.length + " heads for " + n + " words");
        double[][][] t = hidden(vectors);
        double[][] s = scores(t, n);
        double[][] g = new double[n][n + 1];
        double loss = HeadChoiceLoss.mean(s, gold, g);
        if (grad != null) gradient(vectors, t, g, grad);
        return loss;
    }

    private void gradient(double[][] v, double[][][] t, double[][] g, double[] grad) {
        Arrays.fill(grad, 0);
        int n = v.length;
        double[][] gd = new double[n][hidden], gc = new double[n + 1][hidden];
        for (int d = 0; d < n; d++)
            for (int c = 0; c <= n; c++) {
                if (c == d || g[d][c] == 0) continue;
                double[] f = features(d, c, n), z = t[d][c];
                for (int k = 0; k < hidden; k++) {
                    grad[out + k] += g[d][c] * z[k];
                    double dz = g[d][c] * params[out + k] * (1 - z[k] * z[k]);
                    gd[d][k] += dz;
                    gc[c][k] += dz;
                    grad[bias + k] += dz;
                    for (int q = 0; q < FEATURES; q++) if (f[q] != 0) grad[wf + k * FEATURES + q] += dz * f[q];
                }
            }
        for (int w = 0; w < n; w++)   // gc[n] (root, zero vector) gives no weight gradient
            for (int k = 0; k < hidden; k++) {
                int rd = k * dim, rc = wc + k * dim;
                for (int j = 0; j < dim; j++) {
                    grad[rd + j] += gd[w][k] * v[w][j];
                    grad[rc + j] += gc[w][k] * v[w][j];
                }
            }
    }

    /** One Adam step on one sentence; returns its loss before the step. */
    double train(double[][] vectors, int[] gold) {
        double[] grad = new double[params.length];
        double l = loss(vectors, gold, grad);
        adam.step(params, grad);
        sentences++;
        return l;
    }

    private void check(double[][] vectors) {
        if (vectors == null || vectors.length == 0) throw new IllegalArgumentException("need one word vector per word");
        for (double[] x : vectors) if (x.length != dim) throw new IllegalArgumentException("word vector of size " + x.length + ", probe expects " + dim);
    }
}
