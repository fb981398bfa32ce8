package org.bertology4j.analysis.surface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.analysis.cluster.JensenShannonAccumulator;

/**
 * Everything one pass over paragraph pairs accumulates: the surface statistics, and optionally the head distances
 * of {@code cluster} and the masked-LM attention gradients. One state for checkpoints and for distributed shards:
 * sections merge independently, and a shard's JSON restores it exactly.
 *
 * @param surface   surface statistics (always)
 * @param distances Jensen-Shannon distances between heads, or null
 * @param gradients mean |dLoss/dA| by attention target, or null
 */
public record SurfacePass(SurfaceAccumulator surface, JensenShannonAccumulator distances, GradientAccumulator gradients) {

    public SurfacePass {
        if (surface == null) throw new IllegalArgumentException("a surface pass needs its surface statistics");
    }

    /** An empty pass for a model of {@code layers} x {@code heads}, with the optional parts asked for. */
    public static SurfacePass create(int layers, int heads, boolean withDistances, boolean withGradients) {
        return new SurfacePass(new SurfaceAccumulator(layers, heads),
                withDistances ? new JensenShannonAccumulator(layers, heads) : null,
                withGradients ? new GradientAccumulator(layers) : null);
    }

    /** Paragraph pairs analysed. */
    public long sequences() { return surface.sequences(); }

    /** Adds {@code other}'s counts; both must hold the same sections. */
    public void merge(SurfacePass other) {
        if ((distances == null) != (other.distances == null) || (gradients == null) != (other.gradients == null)) {
            throw new IllegalArgumentException("cannot merge surface passes with different sections");
        }
        surface.merge(other.surface);
        if (distances != null) distances.merge(other.distances);
        if (gradients != null) gradients.merge(other.gradients);
    }

    /** The full state: {@code surface}, and {@code distances} / {@code gradients} when present. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.set("surface", surface.toJson());
        if (distances != null) n.set("distances", distances.toJson());
        if (gradients != null) n.set("gradients", gradients.toJson());
        return n;
    }

    /** A state written by {@link #toJson()}; the message names a missing section. */
    public static SurfacePass fromJson(JsonNode root) {
        if (root == null || !root.has("surface")) throw new IllegalArgumentException("surface pass state has no 'surface' section");
        return new SurfacePass(SurfaceAccumulator.fromJson(root.get("surface")),
                root.has("distances") ? JensenShannonAccumulator.fromJson(root.get("distances")) : null,
                root.has("gradients") ? GradientAccumulator.fromJson(root.get("gradients")) : null);
    }
}
