package org.bertology4j.core.deeplift;

/**
 * Vocabulary ids the reference builders need: [PAD] and [MASK] as replacements, [CLS] and [SEP] as the
 * tokens a reference keeps.
 */
public record SpecialTokens(int pad, int cls, int sep, int mask) {
    /** BERT uncased/cased vocabularies: [PAD]=0, [CLS]=101, [SEP]=102, [MASK]=103. */
    public static SpecialTokens bert() { return new SpecialTokens(0, 101, 102, 103); }

    /** Whether the id is [CLS] or [SEP] (kept by replacement references). */
    public boolean isBoundary(int id) { return id == cls || id == sep; }
}
