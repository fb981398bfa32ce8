package org.bertology4j.analysis.attention;

import org.bertology4j.tokenizer.Encoding;

import java.util.ArrayList;
import java.util.List;

/**
 * Attention for several sequences at once (a batched forward pass amortizes the engine's per-call overhead).
 * The result is in the order of the input; each item's length equals its encoding's length.
 */
@FunctionalInterface
public interface BatchAttentionSource {
    List<SentenceAttention> attendAll(List<Encoding> encodings);

    /** One sequence at a time through an {@link AttentionSource}. */
    static BatchAttentionSource sequential(AttentionSource single) {
        return encodings -> {
            List<SentenceAttention> out = new ArrayList<>(encodings.size());
            for (Encoding e : encodings) out.add(single.attend(e));
            return out;
        };
    }
}
