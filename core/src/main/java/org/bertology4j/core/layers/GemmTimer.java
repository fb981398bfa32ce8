package org.bertology4j.core.layers;

import java.util.concurrent.atomic.LongAdder;

/**
 * Optional process-wide accounting of time spent in matrix products (dense gemms and the batched
 * attention matmuls), for benchmarks. Off by default; when off it costs one volatile read per product.
 */
public final class GemmTimer {
    private static volatile boolean enabled;
    private static final LongAdder NANOS = new LongAdder();

    private GemmTimer() {}

    /** Turns accounting on or off and resets the total. */
    public static void enable(boolean on) {
        NANOS.reset();
        enabled = on;
    }

    /** Nanoseconds accumulated since {@link #enable}. */
    public static long nanos() { return NANOS.sum(); }

    static long start() { return enabled ? System.nanoTime() : 0L; }

    static void stop(long start) {
        if (start != 0L) NANOS.add(System.nanoTime() - start);
    }
}
