package org.bertology4j.core.model;

import org.bertology4j.core.layers.HeadIntervention;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a forward pass keeps (the last hidden state is always kept) and which heads it changes.
 * Immutable; build with {@link #builder()}. {@link #none()} keeps only the last hidden state.
 */
public final class TraceOptions {
    private final boolean hiddenStates, attention, scores, ffnActivations, caches;
    private final Map<Integer, List<HeadIntervention>> interventions;

    private TraceOptions(Builder b) {
        hiddenStates = b.hiddenStates;
        attention = b.attention;
        scores = b.scores;
        ffnActivations = b.ffnActivations;
        caches = b.caches;
        Map<Integer, List<HeadIntervention>> m = new HashMap<>();
        b.interventions.forEach((k, v) -> m.put(k, List.copyOf(v)));
        interventions = Collections.unmodifiableMap(m);
    }

    /** Keep nothing but the last hidden state. */
    public static TraceOptions none() { return builder().build(); }

    /** Keep hidden states, attention, scores and FFN activations. */
    public static TraceOptions all() {
        return builder().keepHiddenStates().keepAttention().keepScores().keepFfnActivations().build();
    }

    public static Builder builder() { return new Builder(); }

    public boolean keepHiddenStates() { return hiddenStates; }
    public boolean keepAttention() { return attention; }
    public boolean keepScores() { return scores; }
    public boolean keepFfnActivations() { return ffnActivations; }
    public boolean keepCaches() { return caches; }

    /** Interventions of a layer (empty when none). */
    public List<HeadIntervention> interventions(int layer) {
        return interventions.getOrDefault(layer, List.of());
    }

    /** Layers with interventions. */
    public java.util.Set<Integer> intervenedLayers() { return interventions.keySet(); }

    /** Builder of {@link TraceOptions}. */
    public static final class Builder {
        private boolean hiddenStates, attention, scores, ffnActivations, caches;
        private final Map<Integer, List<HeadIntervention>> interventions = new HashMap<>();

        private Builder() {}

        /** Keep h_0 (embeddings after LayerNorm) .. h_L. */
        public Builder keepHiddenStates() { hiddenStates = true; return this; }
        /** Keep attention probabilities [B, heads, T, T] of every layer. */
        public Builder keepAttention() { attention = true; return this; }
        /** Keep pre-softmax scores QKᵀ/√d + additive mask [B, heads, T, T] of every layer (costs a copy). */
        public Builder keepScores() { scores = true; return this; }
        /** Keep GELU outputs [B, T, intermediate] of every layer. */
        public Builder keepFfnActivations() { ffnActivations = true; return this; }
        /** Keep the per-layer caches the backward pass needs. */
        public Builder keepCaches() { caches = true; return this; }

        /** Mask a head: its attention is multiplied by zero so its context output is zero. */
        public Builder maskHead(int layer, int head) {
            return add(layer, new HeadIntervention(HeadIntervention.Kind.MASK, head, null));
        }

        /** Disable a head: its attention becomes uniform 1/L over the L unmasked tokens. */
        public Builder disableHead(int layer, int head) {
            return add(layer, new HeadIntervention(HeadIntervention.Kind.DISABLE, head, null));
        }

        /** Replace a head's attention by {@code map}: [T, T] for every batch item or [B, T, T]. */
        public Builder replaceAttention(int layer, int head, INDArray map) {
            return add(layer, new HeadIntervention(HeadIntervention.Kind.REPLACE, head, map));
        }

        private Builder add(int layer, HeadIntervention iv) {
            if (layer < 0) throw new IllegalArgumentException("layer index " + layer + " is negative");
            interventions.computeIfAbsent(layer, k -> new ArrayList<>()).add(iv);
            return this;
        }

        public TraceOptions build() { return new TraceOptions(this); }
    }
}
