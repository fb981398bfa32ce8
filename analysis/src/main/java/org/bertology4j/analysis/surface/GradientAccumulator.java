package org.bertology4j.analysis.surface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.tokenizer.Encoding;

/**
 * Per layer mean |dLoss/dA| for attention to [SEP], to "."/",", and to other tokens (Clark et al. Fig. 3),
 * pooled over all heads, rows and sequences (sums and counts, mergeable). Fed by an {@link AttentionGradientSource}.
 */
public final class GradientAccumulator {
    /** Target classes in array order. */
    public static final String[] TARGETS = {"sep", "punct", "other"};
    private final int layers;
    private final double[] sums;
    private final long[] counts;

    public GradientAccumulator(int layers) {
        this.layers = layers;
        this.sums = new double[layers * TARGETS.length];
        this.counts = new long[layers * TARGETS.length];
    }

    /** Adds the gradients of one sequence ({@code [layer][head][i][j]}). */
    public void add(Encoding e, float[][][][] grad) {
        if (grad.length != layers) throw new IllegalArgumentException("gradient has " + grad.length + " layers, expected " + layers);
        int t = e.length();
        int[] cls = new int[t];
        for (int j = 0; j < t; j++) {
            String p = e.pieces()[j];
            cls[j] = p.equals("[SEP]") ? 0 : (p.equals(".") || p.equals(",")) ? 1 : 2;
        }
        for (int l = 0; l < layers; l++)
            for (float[][] head : grad[l])
                for (float[] row : head) {
                    if (row.length != t) throw new IllegalArgumentException("gradient row of " + row.length + " entries, expected " + t);
                    for (int j = 0; j < t; j++) {
                        sums[l * TARGETS.length + cls[j]] += Math.abs(row[j]);
                        counts[l * TARGETS.length + cls[j]]++;
                    }
                }
    }

    /** Number of layers. */
    public int layers() { return layers; }

    /** Mean |gradient| of layer {@code layer} for target class {@code target} (index into {@link #TARGETS}). */
    public double mean(int layer, int target) {
        return sums[layer * TARGETS.length + target] / counts[layer * TARGETS.length + target];
    }

    /** Adds another shard. */
    public void merge(GradientAccumulator o) {
        if (o.layers != layers) throw new IllegalArgumentException("cannot merge accumulators of different shapes");
        for (int i = 0; i < sums.length; i++) { sums[i] += o.sums[i]; counts[i] += o.counts[i]; }
    }

    /** Raw state as JSON. */
    public ObjectNode toJson() {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("kind", "gradient-accumulator").put("layers", layers);
        ArrayNode s = root.putArray("sums"), c = root.putArray("counts");
        for (int i = 0; i < sums.length; i++) { s.add(sums[i]); c.add(counts[i]); }
        return root;
    }

    /** Restores from {@link #toJson()}. */
    public static GradientAccumulator fromJson(JsonNode root) {
        if (!"gradient-accumulator".equals(root.path("kind").asText())) throw new IllegalArgumentException("not a gradient accumulator state");
        GradientAccumulator g = new GradientAccumulator(root.get("layers").asInt());
        for (int i = 0; i < g.sums.length; i++) { g.sums[i] = root.get("sums").get(i).asDouble(); g.counts[i] = root.get("counts").get(i).asLong(); }
        return g;
    }
}
