package org.bertology4j.core.kernels;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Accounting of time spent in matrix products (dense gemms and the batched attention matmuls) for benchmarks, into
 * the accumulator of the calling thread's execution ({@code Execution.withGemmTiming()}). Without one it costs one
 * thread-local read per product.
 */
final class GemmTimer {
    private static final ThreadLocal<LongAdder> INTO = new ThreadLocal<>();

    private GemmTimer() {}

    /** Runs {@code body} with the products of the calling thread timed into {@code into} (null: not timed). */
    static <T> T into(LongAdder into, Supplier<T> body) {
        return into == null && INTO.get() == null ? body.get() : RowParallel.scoped(INTO, into, body);
    }

    /** Start of a timed product (0 when not timed). */
    static long start() { return INTO.get() != null ? System.nanoTime() : 0L; }

    /** End of a timed product. */
    static void stop(long start) {
        if (start != 0L) {
            LongAdder a = INTO.get();
            if (a != null) a.add(System.nanoTime() - start);
        }
    }
}
