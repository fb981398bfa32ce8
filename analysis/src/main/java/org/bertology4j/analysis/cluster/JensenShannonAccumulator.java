package org.bertology4j.analysis.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.analysis.attention.SentenceAttention;

/**
 * Distances between heads (Clark et al. section 6): sum over tokens of the Jensen-Shannon divergence (natural log)
 * between the two heads' attention rows, each smoothed as {@code 0.999*A + 0.001/T}. Heads are indexed
 * {@code layer*heads + head}. Mergeable (sums of doubles).
 */
public final class JensenShannonAccumulator {
    static final double SMOOTH = 1e-3;
    private final int layers, heads;
    private final double[] sums; // upper triangle, full matrix storage for simplicity
    private long tokens, sequences;

    public JensenShannonAccumulator(int layers, int heads) {
        this.layers = layers;
        this.heads = heads;
        int p = layers * heads;
        this.sums = new double[p * p];
    }

    /** Number of heads (layers x heads). */
    public int size() { return layers * heads; }

    /** Tokens (rows) summed over. */
    public long tokens() { return tokens; }

    /** Sequences added. */
    public long sequences() { return sequences; }

    /** Jensen-Shannon divergence (nats) of two distributions. */
    public static double divergence(double[] p, double[] q) {
        double d = 0;
        for (int j = 0; j < p.length; j++) {
            double m = 0.5 * (p[j] + q[j]);
            if (p[j] > 0) d += 0.5 * p[j] * Math.log(p[j] / m);
            if (q[j] > 0) d += 0.5 * q[j] * Math.log(q[j] / m);
        }
        return d;
    }

    /** Adds one sequence. */
    public void add(SentenceAttention a) {
        if (a.layers() != layers || a.heads() != heads) throw new IllegalArgumentException("attention has " + a.layers() + "x" + a.heads() + " heads, accumulator " + layers + "x" + heads);
        int t = a.length(), n = size();
        double[][][] p = new double[n][t][t];
        double[][] plogp = new double[n][t];
        for (int k = 0; k < n; k++) {
            float[][] m = a.map(k / heads, k % heads);
            for (int i = 0; i < t; i++) {
                double s = 0;
                for (int j = 0; j < t; j++) {
                    double v = (1 - SMOOTH) * m[i][j] + SMOOTH / t;
                    p[k][i][j] = v;
                    s += v * Math.log(v);
                }
                plogp[k][i] = s;
            }
        }
        // JS(p,q) = (sum p ln p + sum q ln q)/2 - sum m ln m, m = (p+q)/2; smoothing keeps every entry > 0.
        for (int x = 0; x < n; x++)
            for (int y = x + 1; y < n; y++) {
                double d = 0;
                for (int i = 0; i < t; i++) {
                    double[] px = p[x][i], py = p[y][i];
                    double mm = 0;
                    for (int j = 0; j < t; j++) {
                        double m = 0.5 * (px[j] + py[j]);
                        mm += m * Math.log(m);
                    }
                    d += 0.5 * (plogp[x][i] + plogp[y][i]) - mm;
                }
                sums[x * n + y] += d;
                sums[y * n + x] += d;
            }
        tokens += t;
        sequences++;
    }

    /** Summed divergences, n x n, symmetric, zero diagonal (the distance matrix of Clark et al.). */
    public double[][] distances() {
        int n = size();
        double[][] d = new double[n][n];
        for (int x = 0; x < n; x++) System.arraycopy(sums, x * n, d[x], 0, n);
        return d;
    }

    /** Adds another shard. */
    public void merge(JensenShannonAccumulator o) {
        if (o.layers != layers || o.heads != heads) throw new IllegalArgumentException("cannot merge accumulators of different shapes");
        for (int i = 0; i < sums.length; i++) sums[i] += o.sums[i];
        tokens += o.tokens;
        sequences += o.sequences;
    }

    /** Raw state as JSON. */
    public ObjectNode toJson() {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("kind", "js-accumulator").put("layers", layers).put("heads", heads).put("tokens", tokens).put("sequences", sequences);
        ArrayNode a = root.putArray("sums");
        for (double v : sums) a.add(v);
        return root;
    }

    /** Restores from {@link #toJson()}. */
    public static JensenShannonAccumulator fromJson(JsonNode root) {
        if (!"js-accumulator".equals(root.path("kind").asText())) throw new IllegalArgumentException("not a Jensen-Shannon accumulator state");
        JensenShannonAccumulator j = new JensenShannonAccumulator(root.get("layers").asInt(), root.get("heads").asInt());
        j.tokens = root.get("tokens").asLong();
        j.sequences = root.get("sequences").asLong();
        JsonNode a = root.get("sums");
        if (a == null || a.size() != j.sums.length) throw new IllegalArgumentException("'sums' missing or of the wrong size");
        for (int i = 0; i < j.sums.length; i++) j.sums[i] = a.get(i).asDouble();
        return j;
    }
}
