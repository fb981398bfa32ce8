package org.bertology4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * This machine's float32 peak, measured: a short loop of independent scalar fused multiply-adds on every thread (12
 * chains per thread, more than an FMA unit's latency times its throughput, so the units never wait), times the SIMD
 * lanes the CPU's vector FMA processes at once (8 floats with AVX2/FMA, 16 with AVX-512F). A vector FMA costs a core the
 * same as a scalar one, so this is the rate the big matrix products could reach at the clock the cores run at now;
 * the forward bench prints its GFLOP/s as a share of it. (Java cannot issue the vector instructions itself without the
 * incubating Vector API; the scalar loop measures the same execution ports.)
 */
public final class MachinePeak {
    /** Measured peak: GFLOP/s of the scalar loop on all threads and the vector width it is scaled by. */
    public record Result(int threads, int lanes, double scalarGflops, double peakGflops) {
        @Override
        public String toString() {
            return String.format("machine fp32 peak %.0f GFLOP/s (%d threads x %d-lane FMA; scalar FMA loop %.1f GFLOP/s)",
                    peakGflops, threads, lanes, scalarGflops);
        }
    }

    private static final int CHAINS = 12;
    private static final int ITERATIONS = 20_000_000;

    private MachinePeak() {}

    /** Runs the loop on {@code threads} threads (best of three runs) and scales it by the CPU's FMA width. */
    public static Result measure(int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            double best = 0;
            for (int run = 0; run < 3; run++) {
                List<Callable<Float>> tasks = new ArrayList<>();
                for (int t = 0; t < threads; t++) tasks.add(() -> fmaLoop(ITERATIONS));
                long t0 = System.nanoTime();
                float sink = 0;
                for (Future<Float> f : pool.invokeAll(tasks)) sink += f.get();
                long ns = System.nanoTime() - t0;
                if (Float.isNaN(sink)) throw new IllegalStateException("the FMA loop diverged");
                best = Math.max(best, 2.0 * CHAINS * ITERATIONS * threads / ns);
            }
            int lanes = simdFloatLanes();
            return new Result(threads, lanes, best, best * lanes);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Twelve independent chains x = x * m + c (values stay bounded: |m| < 1). */
    static float fmaLoop(int iterations) {
        float m = 0.999f, c = 1e-3f;
        float x0 = 1, x1 = 2, x2 = 3, x3 = 4, x4 = 5, x5 = 6, x6 = 7, x7 = 8, x8 = 9, x9 = 10, x10 = 11, x11 = 12;
        for (int i = 0; i < iterations; i++) {      // an int counter: C2 optimises counted int loops best
            x0 = Math.fma(x0, m, c); x1 = Math.fma(x1, m, c); x2 = Math.fma(x2, m, c); x3 = Math.fma(x3, m, c);
            x4 = Math.fma(x4, m, c); x5 = Math.fma(x5, m, c); x6 = Math.fma(x6, m, c); x7 = Math.fma(x7, m, c);
            x8 = Math.fma(x8, m, c); x9 = Math.fma(x9, m, c); x10 = Math.fma(x10, m, c); x11 = Math.fma(x11, m, c);
        }
        return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11;
    }

    /** Floats per vector FMA: 16 with AVX-512F, 8 with AVX2+FMA, 4 otherwise (SSE); from /proc/cpuinfo. */
    static int simdFloatLanes() {
        String flags = "";
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            flags = " " + lines.filter(l -> l.startsWith("flags")).findFirst().map(l -> l.substring(l.indexOf(':') + 1)).orElse("") + " ";
        } catch (IOException | RuntimeException e) {
            // not Linux: assume the common case below
        }
        if (flags.contains(" avx512f ")) return 16;
        if (flags.contains(" avx2 ") && flags.contains(" fma ")) return 8;
        return flags.isBlank() ? 8 : 4;
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        System.out.println(measure(threads));
    }
}
