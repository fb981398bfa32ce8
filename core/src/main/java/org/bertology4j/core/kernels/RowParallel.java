package org.bertology4j.core.kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits the row loops of the plain-Java kernels ({@link RowNorm}, {@link ElementwiseKernels}) over the cores. Rows are
 * independent, so each part writes its own rows; the calling thread runs the first part and the others go to the
 * common fork/join pool. Small inputs run on the calling thread (a fork costs tens of microseconds).
 *
 * <p>Threads: those of the calling thread's execution ({@code BertModel.withExecution}, applied per call through
 * {@link #withThreads}); outside a model call {@code OMP_NUM_THREADS} when set (the same budget as ND4J's native
 * ops), else the available processors.
 */
final class RowParallel {
    /** Below this many elements per part a kernel is not split. */
    static final long MIN_ELEMENTS_PER_PART = 1 << 15;
    private static final int DEFAULT_THREADS = defaultThreads();
    /** Per-thread override of {@link #threads()} (set while a thread works on its part of a split batch). */
    private static final ThreadLocal<Integer> OVERRIDE = new ThreadLocal<>();

    private RowParallel() {}

    /** The body of a row loop over rows [from, to). */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} with the Java passes of the calling thread on {@code n} threads (e.g. 1 inside a worker of a
     * batch split over threads, where the cores are already busy with the other parts).
     */
    static <T> T withThreads(int n, java.util.function.Supplier<T> body) {
        if (n < 1) throw new IllegalArgumentException("threads must be at least 1 (got " + n + ")");
        return scoped(OVERRIDE, n, body);
    }

    /** Runs {@code body} with {@code local} set to {@code value} on the calling thread, restoring it afterwards. */
    static <V, T> T scoped(ThreadLocal<V> local, V value, java.util.function.Supplier<T> body) {
        V saved = local.get();
        local.set(value);
        try {
            return body.get();
        } finally {
            if (saved == null) local.remove();
            else local.set(saved);
        }
    }

    private static int effectiveThreads() {
        Integer n = OVERRIDE.get();
        return n != null ? n : DEFAULT_THREADS;
    }

    /** {@code OMP_NUM_THREADS} when set, else the available processors. */
    static int defaultThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            String omp = System.getenv("OMP_NUM_THREADS");
            if (omp != null && !omp.isBlank()) return Math.max(1, Math.min(cores, Integer.parseInt(omp.trim())));
        } catch (NumberFormatException e) {
            // an unusable value: fall back to the cores
        }
        return cores;
    }

    /** Runs {@code body} over rows [0, rows) in up to {@link #threads()} contiguous parts. */
    static void forRows(int rows, long elementsPerRow, Range body) {
        long byWork = Math.max(1, (long) rows * elementsPerRow / MIN_ELEMENTS_PER_PART);
        int parts = (int) Math.min(Math.min(effectiveThreads(), rows), Math.min(byWork, ForkJoinPool.getCommonPoolParallelism() + 1L));
        if (parts <= 1) {
            body.run(0, rows);
            return;
        }
        ForkJoinTask<?>[] rest = new ForkJoinTask<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int from = (int) ((long) rows * p / parts), to = (int) ((long) rows * (p + 1) / parts);
            rest[p - 1] = ForkJoinPool.commonPool().submit(() -> body.run(from, to));
        }
        body.run(0, (int) ((long) rows / parts));
        for (ForkJoinTask<?> t : rest) t.join();
    }
}
