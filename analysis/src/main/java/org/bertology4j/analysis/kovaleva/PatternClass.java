package org.bertology4j.analysis.kovaleva;

/** Kovaleva et al.'s five types of self-attention map. */
public enum PatternClass {
    /** Most mass on the [CLS]/[SEP] columns. */
    VERTICAL,
    /** Most mass on the previous/next token. */
    DIAGONAL,
    /** Both of the above in substantial amounts. */
    VERTICAL_DIAGONAL,
    /** Attention kept within the token's own segment (sentence pairs). */
    BLOCK,
    /** None of the above. */
    HETEROGENEOUS
}
