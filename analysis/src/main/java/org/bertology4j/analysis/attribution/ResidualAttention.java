package org.bertology4j.analysis.attribution;

import org.bertology4j.core.model.ForwardTrace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-layer attention as Abnar and Zuidema (2020, section 2) feed it to rollout and flow: the heads' attention
 * averaged, then the residual connection accounted for as an identity, Â = 0.5·A + 0.5·I, rows renormalised (they
 * already sum to 1, so the renormalisation only absorbs rounding). Immutable.
 */
public final class ResidualAttention {
    private final double[][][] layers;   // [L][T][T], rows sum to 1

    private ResidualAttention(double[][][] layers) {
        this.layers = layers;
    }

    /**
     * From head-averaged attention {@code [L][T][T]} (rows: the attending token, columns: attended; each row a
     * distribution). Throws when a row is not one.
     */
    public static ResidualAttention of(double[][][] headAveraged) {
        int l = headAveraged.length;
        if (l == 0) throw new IllegalArgumentException("no layers");
        int t = headAveraged[0].length;
        double[][][] out = new double[l][t][t];
        for (int n = 0; n < l; n++) {
            if (headAveraged[n].length != t) throw new IllegalArgumentException("layer " + n + " has " + headAveraged[n].length + " rows, layer 0 has " + t);
            for (int i = 0; i < t; i++) {
                double[] row = headAveraged[n][i];
                if (row.length != t) throw new IllegalArgumentException("layer " + n + " row " + i + " has " + row.length + " columns, not " + t);
                double sum = 0;
                for (int j = 0; j < t; j++) {
                    if (!(row[j] >= 0)) throw new IllegalArgumentException("layer " + n + " row " + i + " has attention " + row[j] + " < 0 or NaN");
                    out[n][i][j] = 0.5 * row[j] + (i == j ? 0.5 : 0);
                    sum += out[n][i][j];
                }
                if (Math.abs(sum - 1) > 1e-3) throw new IllegalArgumentException("layer " + n + " row " + i + " sums to " + (sum - 0.5) * 2 + ", not 1");
                for (int j = 0; j < t; j++) out[n][i][j] /= sum;
            }
        }
        return new ResidualAttention(out);
    }

    /**
     * From a forward trace that kept attention: batch item {@code item}'s first {@code length} tokens (its real
     * tokens; padded keys get no attention), heads averaged.
     */
    public static ResidualAttention of(ForwardTrace trace, int item, int length) {
        int l = trace.numLayers();
        double[][][] avg = new double[l][length][length];
        for (int n = 0; n < l; n++) {
            INDArray a = trace.attention(n, item);   // [heads, T, T]
            long heads = a.size(0);
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < length; i++) {
                    for (int j = 0; j < length; j++) avg[n][i][j] += a.getDouble(h, i, j) / heads;
                }
            }
        }
        return of(avg);
    }

    /** Already mixed maps Â {@code [L][T][T]} (tests: exact hand-computed cases). */
    static ResidualAttention mixed(double[][][] mixed) {
        double[][][] c = new double[mixed.length][][];
        for (int n = 0; n < c.length; n++) {
            c[n] = new double[mixed[n].length][];
            for (int i = 0; i < c[n].length; i++) c[n][i] = mixed[n][i].clone();
        }
        return new ResidualAttention(c);
    }

    /** Layers L. */
    public int layers() { return layers.length; }

    /** Tokens T. */
    public int tokens() { return layers[0].length; }

    /** Â of layer {@code n} (0-based) at [i][j]. */
    public double at(int n, int i, int j) { return layers[n][i][j]; }

    /** A copy of Â of layer {@code n}. */
    public double[][] layer(int n) {
        double[][] c = new double[tokens()][];
        for (int i = 0; i < c.length; i++) c[i] = layers[n][i].clone();
        return c;
    }
}
