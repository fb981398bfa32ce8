package org.bertology4j.analysis.attention;

import org.bertology4j.tokenizer.Encoding;

/** Produces the attention maps of a model for one encoded sequence (the analyses' only view of a model). */
@FunctionalInterface
public interface AttentionSource {
    /** Attention for {@code encoding}; its length must equal {@code encoding.length()}. */
    SentenceAttention attend(Encoding encoding);
}
