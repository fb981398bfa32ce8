package org.bertology4j.analysis.attention;

/**
 * Token-level attention of one sequence: {@code weights[layer][head][i][j]} is the probability that
 * token i (row, the attending token) attends to token j. Arrays are 0-based.
 */
public record SentenceAttention(float[][][][] weights) {

    /** Validates the shape: non-empty, square T x T maps of one length T. */
    public SentenceAttention {
        if (weights.length == 0 || weights[0].length == 0) throw new IllegalArgumentException("attention has no layers or heads");
        int t = weights[0][0].length;
        for (int l = 0; l < weights.length; l++) {
            if (weights[l].length != weights[0].length) throw new IllegalArgumentException("layer " + l + " has " + weights[l].length + " heads, layer 0 has " + weights[0].length);
            for (int h = 0; h < weights[l].length; h++) {
                if (weights[l][h].length != t) throw new IllegalArgumentException("attention map " + l + "/" + h + " has " + weights[l][h].length + " rows, expected " + t);
                for (float[] row : weights[l][h]) if (row.length != t) throw new IllegalArgumentException("attention map " + l + "/" + h + " is not square (" + t + " rows, a row of " + row.length + ")");
            }
        }
    }

    /** Number of layers. */
    public int layers() { return weights.length; }

    /** Heads per layer. */
    public int heads() { return weights[0].length; }

    /** Sequence length T in tokens. */
    public int length() { return weights[0][0].length; }

    /** The T x T map of one head (not copied). */
    public float[][] map(int layer, int head) { return weights[layer][head]; }
}
