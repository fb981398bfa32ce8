package org.bertology4j.corpus;

import java.util.concurrent.atomic.LongAdder;

/**
 * Time spent in the engine by a corpus run, and what it ran: added to by the attention and flow sources from any
 * thread (Spark tasks share one model per JVM), read as {@link Snapshot}s; a run reports the difference of the
 * snapshots taken before and after it.
 */
public final class EngineTime {
    private final LongAdder nanos = new LongAdder(), sequences = new LongAdder(), realTokens = new LongAdder(),
            paddedTokens = new LongAdder();

    /** Counts at one moment. */
    public record Snapshot(long nanos, long sequences, long realTokens, long paddedTokens) {
        /** Seconds in the engine. */
        public double seconds() { return nanos / 1e9; }

        /** Real tokens / padded tokens run (1 = no padding waste). */
        public double paddingEfficiency() { return paddedTokens == 0 ? 1 : (double) realTokens / paddedTokens; }

        /** The counts added since {@code earlier}. */
        public Snapshot since(Snapshot earlier) {
            return new Snapshot(nanos - earlier.nanos, sequences - earlier.sequences, realTokens - earlier.realTokens,
                    paddedTokens - earlier.paddedTokens);
        }
    }

    /** Records one engine call: its duration, sequences, and real and padded tokens. */
    public void add(long nanos, long sequences, long realTokens, long paddedTokens) {
        this.nanos.add(nanos);
        this.sequences.add(sequences);
        this.realTokens.add(realTokens);
        this.paddedTokens.add(paddedTokens);
    }

    /** The counts now. */
    public Snapshot snapshot() { return new Snapshot(nanos.sum(), sequences.sum(), realTokens.sum(), paddedTokens.sum()); }
}
