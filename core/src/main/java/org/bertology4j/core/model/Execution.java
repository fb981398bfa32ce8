package org.bertology4j.core.model;

import org.bertology4j.core.kernels.Kernels;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * How a model executes, given to it with {@link BertModel#withExecution}: how many threads the plain-Java kernels
 * split their rows over, how many threads a batch is split over ({@code BatchParallel}), and optionally an
 * accumulator of the time spent in matrix products (benchmarks). It changes speed, never the arithmetic of a row.
 * The model applies it for the duration of each call (forward and backward); nothing is set process-wide, except
 * through {@link #setProcessDefault} for hosts that create models they do not configure (a Spark executor).
 */
public final class Execution {
    private static volatile Execution processDefault = environment();

    private final int kernelThreads, batchWorkers;
    private final LongAdder gemmNanos;

    private Execution(int kernelThreads, int batchWorkers, LongAdder gemmNanos) {
        if (kernelThreads < 1) throw new IllegalArgumentException("kernel threads must be at least 1 (got " + kernelThreads + ")");
        if (batchWorkers < 1) throw new IllegalArgumentException("batch workers must be at least 1 (got " + batchWorkers + ")");
        this.kernelThreads = kernelThreads;
        this.batchWorkers = batchWorkers;
        this.gemmNanos = gemmNanos;
    }

    /** From the environment: {@code OMP_NUM_THREADS} when set (ND4J's native budget), else the cores, for both. */
    public static Execution environment() {
        int n = Kernels.defaultThreads();
        return new Execution(n, n, null);
    }

    /** What models without an execution of their own use: {@link #environment()} unless set. */
    public static Execution processDefault() { return processDefault; }

    /** Sets {@link #processDefault()} (e.g. one thread per Spark task); models given an execution keep theirs. */
    public static void setProcessDefault(Execution execution) {
        if (execution == null) throw new IllegalArgumentException("execution is null");
        processDefault = execution;
    }

    /** {@code n} threads for the kernels and at most {@code n} batch parts. */
    public static Execution threads(int n) { return new Execution(n, n, null); }

    public Execution withKernelThreads(int n) { return new Execution(n, batchWorkers, gemmNanos); }

    public Execution withBatchWorkers(int n) { return new Execution(kernelThreads, n, gemmNanos); }

    /** The same with a fresh accumulator of the time in matrix products (see {@link #gemmNanos()}). */
    public Execution withGemmTiming() { return new Execution(kernelThreads, batchWorkers, new LongAdder()); }

    /** Threads the Java kernels split their rows over (1: no splitting). */
    public int kernelThreads() { return kernelThreads; }

    /** Threads a batch is split over (1: never split). */
    public int batchWorkers() { return batchWorkers; }

    /**
     * Nanoseconds spent in dense gemms and attention matmuls by calls under this execution, summed over the threads
     * of a split batch; 0 without {@link #withGemmTiming()}.
     */
    public long gemmNanos() { return gemmNanos == null ? 0 : gemmNanos.sum(); }

    /** Resets {@link #gemmNanos()}. */
    public void resetGemmNanos() { if (gemmNanos != null) gemmNanos.reset(); }

    /** Runs {@code body} under this execution on the calling thread. */
    <T> T run(Supplier<T> body) {
        return Kernels.run(kernelThreads, gemmNanos, body);
    }
}
