package org.bertology4j.core.layers;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Accounting of time spent in matrix products (dense gemms and the batched attention matmuls) for benchmarks, into
 * the accumulator of the calling thread's execution ({@code Execution.withGemmTiming()}). Without one it costs one
 * thread-local read per product.
 */
public final class GemmTimer {
    private static final ThreadLocal<LongAdder> INTO = new ThreadLocal<>();

    private GemmTimer() {}

    /** Runs {@code body} with the products of the calling thread timed into {@code into} (null: not timed). */
    public static <T> T into(LongAdder into, Supplier<T> body) {
        LongAdder saved = INTO.get();
        if (into == null && saved == null) return body.get();
        INTO.set(into);
        try {
            return body.get();
        } finally {
            if (saved == null) INTO.remove();
            else INTO.set(saved);
        }
    }

    static long start() { return INTO.get() != null ? System.nanoTime() : 0L; }

    static void stop(long start) {
        if (start != 0L) {
            LongAdder a = INTO.get();
            if (a != null) a.add(System.nanoTime() - start);
        }
    }
}
