package org.bertology4j.core.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A change to one attention head's probabilities in one forward pass.
 *
 * @param kind what to do
 * @param head head index within its layer
 * @param map  for {@link Kind#REPLACE}: the attention map to use, [T, T] (same map for every batch item)
 *             or [B, T, T] (one per batch item); rows are query positions. Null for the other kinds.
 */
public record HeadIntervention(Kind kind, int head, INDArray map) {

    /** The kinds of intervention. */
    public enum Kind {
        /** Head masked: its attention probabilities are multiplied by 0, so its context output is zero
         *  (Hugging Face {@code head_mask} semantics; the recorded attention of the head is all zeros). */
        MASK,
        /** Head disabled: attention uniform 1/L over the L unmasked (real) tokens of the sequence. */
        DISABLE,
        /** Head attention replaced by a given map. */
        REPLACE
    }

    public HeadIntervention {
        if (kind == null) throw new IllegalArgumentException("intervention kind is null");
        if (head < 0) throw new IllegalArgumentException("head index " + head + " is negative");
        if (kind == Kind.REPLACE) {
            if (map == null) throw new IllegalArgumentException("REPLACE intervention for head " + head + " needs a map");
            if (map.rank() != 2 && map.rank() != 3) {
                throw new IllegalArgumentException("replacement attention map for head " + head
                        + " must be [T,T] or [B,T,T], got rank " + map.rank());
            }
        } else if (map != null) {
            throw new IllegalArgumentException(kind + " intervention takes no map");
        }
    }

    /**
     * This intervention for sequences {@code from} to {@code to - 1} of the batch: a per-sequence map [B, T, T] is cut
     * to those rows; other interventions apply to every sequence alike and are returned as they are.
     */
    public HeadIntervention forRows(int from, int to) {
        if (map == null || map.rank() == 2) return this;
        // a copy, not a view: ND4J mishandles point-indexed views of views (see SelfAttention)
        return new HeadIntervention(kind, head, map.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c'));
    }
}
