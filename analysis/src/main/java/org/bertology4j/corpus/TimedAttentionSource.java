package org.bertology4j.corpus;

import org.bertology4j.analysis.attention.AttentionSource;
import org.bertology4j.analysis.attention.SentenceAttention;
import org.bertology4j.tokenizer.Encoding;

/** Wraps an {@link AttentionSource} and adds up the wall time spent in it (the forward passes) and the calls. */
public final class TimedAttentionSource implements AttentionSource {
    private final AttentionSource inner;
    private long nanos, calls, tokens;

    public TimedAttentionSource(AttentionSource inner) { this.inner = inner; }

    @Override
    public SentenceAttention attend(Encoding encoding) {
        long t0 = System.nanoTime();
        try {
            return inner.attend(encoding);
        } finally {
            nanos += System.nanoTime() - t0;
            calls++;
            tokens += encoding.length();
        }
    }

    /** Seconds spent inside the wrapped source. */
    public double seconds() { return nanos / 1e9; }

    /** Number of sequences run. */
    public long calls() { return calls; }

    /** Total tokens (pieces, specials included) run. */
    public long tokens() { return tokens; }
}
