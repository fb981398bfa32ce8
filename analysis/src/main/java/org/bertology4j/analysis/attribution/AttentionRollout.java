package org.bertology4j.analysis.attribution;

/**
 * Attention rollout (Abnar and Zuidema 2020, section 2): how much of each input token reaches each token of layer
 * {@code n}, assuming attention mixes linearly through the layers: R_n = Â_n · Â_{n-1} ··· Â_1 (Â with the residual,
 * {@link ResidualAttention}). Rows are distributions over the input tokens (each Â is row-stochastic, so is their
 * product). Immutable.
 */
public final class AttentionRollout {
    private final double[][][] rollout;   // [L][T][T]: rollout[n] = R_{n+1}

    private AttentionRollout(double[][][] rollout) {
        this.rollout = rollout;
    }

    /** Rolls out every layer. */
    public static AttentionRollout of(ResidualAttention attention) {
        int l = attention.layers(), t = attention.tokens();
        double[][][] r = new double[l][][];
        r[0] = attention.layer(0);
        for (int n = 1; n < l; n++) {
            r[n] = new double[t][t];
            for (int i = 0; i < t; i++) {
                for (int k = 0; k < t; k++) {
                    double a = attention.at(n, i, k);
                    if (a == 0) continue;
                    for (int j = 0; j < t; j++) r[n][i][j] += a * r[n - 1][k][j];
                }
            }
        }
        return new AttentionRollout(r);
    }

    /** R after layer {@code n} (1-based, 1..L) [output token][input token], a copy. */
    public double[][] afterLayer(int n) {
        if (n < 1 || n > rollout.length) throw new IndexOutOfBoundsException("layer " + n + " not in [1, " + rollout.length + "]");
        double[][] c = new double[rollout[n - 1].length][];
        for (int i = 0; i < c.length; i++) c[i] = rollout[n - 1][i].clone();
        return c;
    }

    /** R after the last layer. */
    public double[][] top() { return afterLayer(rollout.length); }

    /** R after every layer, [L][T][T] ({@code [n]} = after layer n+1), a copy. */
    public double[][][] everyLayer() {
        double[][][] c = new double[rollout.length][][];
        for (int n = 1; n <= rollout.length; n++) c[n - 1] = afterLayer(n);
        return c;
    }
}
