package org.bertology4j.analysis.kovaleva;

/**
 * Attention of one example restricted to its n real tokens: for each (layer, head) a row-major n×n map,
 * {@code A[i][j]} = attention of token i to token j.
 */
final class AttentionMaps {
    private final int layers, heads, n;
    private final double[][] maps; // [layer*heads + head][i*n + j]

    public AttentionMaps(int layers, int heads, int n, double[][] maps) {
        if (maps.length != layers * heads) throw new IllegalArgumentException(maps.length + " maps for " + layers + "x" + heads + " heads");
        for (double[] m : maps) {
            if (m.length != n * n) throw new IllegalArgumentException("map of " + m.length + " values for " + n + " tokens");
        }
        this.layers = layers;
        this.heads = heads;
        this.n = n;
        this.maps = maps;
    }

    public int layers() { return layers; }
    public int heads() { return heads; }
    /** Number of real tokens. */
    public int length() { return n; }

    /** Row-major n×n map of one head (shared, do not modify). */
    public double[] map(int layer, int head) { return maps[layer * heads + head]; }
}
