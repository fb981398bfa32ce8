package org.bertology4j.core.deeplift;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertWeights;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference input DeepLIFT measures differences from. Every reference has the input's length,
 * positions, segments and attention mask; only word-embedding vectors differ, so the word embeddings
 * carry the whole Δ. "Content tokens" are the real (mask 1) tokens other than [CLS]/[SEP];
 * padding positions are never changed.
 */
public final class Reference {
    /** How the reference is built. */
    public enum Kind {
        /** Content tokens replaced by [PAD] (the default). */
        PAD,
        /** Content tokens replaced by [MASK]. */
        MASK,
        /** Content tokens' word-embedding vectors set to zero. */
        ZERO_EMBEDDING,
        /** A user-given token sequence (same length, segments and mask as the input). */
        INPUT,
        /** User-given word-embedding vectors [T, H]. */
        EMBEDDINGS,
        /** The mean of the attributions against several references. */
        AVERAGE
    }

    private final Kind kind;
    private final BertInput input;
    private final INDArray embeddings;
    private final List<Reference> parts;

    private Reference(Kind kind, BertInput input, INDArray embeddings, List<Reference> parts) {
        this.kind = kind;
        this.input = input;
        this.embeddings = embeddings;
        this.parts = parts;
    }

    /** Content tokens → [PAD]. */
    public static Reference pad() { return new Reference(Kind.PAD, null, null, List.of()); }

    /** Content tokens → [MASK]. */
    public static Reference mask() { return new Reference(Kind.MASK, null, null, List.of()); }

    /** Content tokens' word-embedding vectors → 0. */
    public static Reference zeroEmbedding() { return new Reference(Kind.ZERO_EMBEDDING, null, null, List.of()); }

    /** A given single sequence; it must have the input's length, segment ids and attention mask. */
    public static Reference of(BertInput reference) {
        if (reference == null) throw new IllegalArgumentException("reference input is null");
        return new Reference(Kind.INPUT, reference, null, List.of());
    }

    /** Given word-embedding vectors [T, H], replacing the input's word embeddings row for row. */
    public static Reference ofEmbeddings(INDArray wordEmbeddings) {
        if (wordEmbeddings == null || wordEmbeddings.rank() != 2) {
            throw new IllegalArgumentException("reference embeddings must be a [T, H] matrix");
        }
        return new Reference(Kind.EMBEDDINGS, null, wordEmbeddings.dup('c'), List.of());
    }

    /** Averages attributions over several references (nested averages are flattened). */
    public static Reference average(Reference... references) {
        if (references == null || references.length == 0) throw new IllegalArgumentException("average of no references");
        List<Reference> flat = new ArrayList<>();
        for (Reference r : references) flat.addAll(r.leaves());
        return new Reference(Kind.AVERAGE, null, null, List.copyOf(flat));
    }

    public Kind kind() { return kind; }

    /** The single references this one averages over (itself when not an average). */
    public List<Reference> leaves() { return kind == Kind.AVERAGE ? parts : List.of(this); }

    /**
     * The word-embedding vectors [T, H] this single reference gives {@code input} (what DeepLIFT runs it from; the
     * integrated-gradients path starts there too).
     *
     * @throws IllegalStateException    for an average (take its {@link #leaves()})
     * @throws IllegalArgumentException when the reference does not fit the input
     */
    public INDArray wordVectors(BertWeights weights, BertInput input, SpecialTokens special) {
        if (kind == Kind.AVERAGE) throw new IllegalStateException("an average reference has no single word vectors; take its leaves()");
        return new ReferenceBuilder(weights, special).words(this, input);
    }

    BertInput input() { return input; }
    INDArray embeddings() { return embeddings; }

    @Override
    public String toString() {
        return kind == Kind.AVERAGE ? "average" + parts : kind.name().toLowerCase();
    }
}
