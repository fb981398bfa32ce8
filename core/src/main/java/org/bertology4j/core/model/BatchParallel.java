package org.bertology4j.core.model;

import org.bertology4j.weights.BertConfig;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Data parallelism inside one forward call: a batch of B ≥ 2 sequences is cut into contiguous parts that run on
 * separate threads, each part's layers with single-threaded Java passes, and the parts' outputs are joined.
 *
 * <p>Why: splitting every op over the cores (the alternative) synchronises the threads about 13 times per layer (each
 * gemm, softmax and Java pass) and hands work between ND4J's OpenMP threads and Java's, which cost ~10% of a forward
 * on 2 cores; parts on their own threads run without those hand-offs (bge-small, batch 8 × 128: 155-160 vs 174-186
 * ms per batch, measured in alternation). But each part streams the layer's weights through the caches on its own:
 * for BERT-base (28 MB of weights per layer, 32 MB of L3 here) two parts were 10-25% slower than one (685-805 vs
 * 585-613 ms per batch) with OpenBLAS. So a batch is split only when a layer's weights fit in half the last-level
 * cache, or, with oneMKL serving the products, in twice that cache: there BERT-base (28 MB per layer, 16 MB of L3 on
 * the eighth session's Zen 2) ran 5%, 7% and 10% faster in two parts at batch 4, 8 and 16 (two alternating runs each:
 * 167/164 vs 175/173, 148-154 vs 157-165, 148/150 vs 166/166 ms per sequence), and equal at batch 2.
 * Results are the same up to float rounding: a part's rows go through the same kernels, but a dense product over
 * fewer rows may sum in another order.
 *
 * <p>Not used when the trace keeps backward caches (the backward runs over one whole-batch trace).
 */
final class BatchParallel {
    private static ExecutorService pool;
    private static int poolSize;

    private BatchParallel() {}

    /**
     * Number of parts a forward over {@code batch} sequences of {@code config} with {@code options} is split into, on
     * at most {@code workers} threads ({@link Execution#batchWorkers()}).
     */
    static int partsFor(int batch, TraceOptions options, BertConfig config, int workers) {
        return partsFor(batch, options, config, workers, org.bertology4j.core.kernels.LoadedBlas.oneMkl());
    }

    /** As {@link #partsFor(int, TraceOptions, BertConfig, int)}, told whether oneMKL serves the products. */
    static int partsFor(int batch, TraceOptions options, BertConfig config, int workers, boolean mkl) {
        long weights = layerWeightBytes(config);
        boolean fits = mkl ? weights <= 2 * LAST_LEVEL_CACHE_BYTES : 2 * weights <= LAST_LEVEL_CACHE_BYTES;
        if (options.keepCaches() || !fits) return 1;
        return Math.max(1, Math.min(workers, batch));
    }

    /** Bytes of one encoder layer's dense weights in float32. */
    static long layerWeightBytes(BertConfig c) {
        long h = c.hiddenSize(), i = c.intermediateSize();
        return 4L * (4 * h * h + 2 * h * i);
    }

    /** The CPU's last-level cache from Linux's sysfs; 16 MB where it cannot be read. */
    static final long LAST_LEVEL_CACHE_BYTES = lastLevelCacheBytes();

    private static long lastLevelCacheBytes() {
        long best = 0;
        for (int index = 0; index < 8; index++) {
            java.nio.file.Path size = java.nio.file.Path.of("/sys/devices/system/cpu/cpu0/cache/index" + index + "/size");
            try {
                String v = java.nio.file.Files.readString(size).trim().toUpperCase(java.util.Locale.ROOT);
                long unit = v.endsWith("K") ? 1L << 10 : v.endsWith("M") ? 1L << 20 : 1;
                best = Math.max(best, Long.parseLong(v.replaceAll("[^0-9]", "")) * unit);
            } catch (java.io.IOException | RuntimeException e) {
                // no such cache level (or not Linux)
            }
        }
        return best > 0 ? best : 16L << 20;
    }

    /** Daemon threads for all parts but the caller's own (created once, grown when more are asked for). */
    static synchronized ExecutorService pool(int helpers) {
        if (pool == null || poolSize < helpers) {
            // the old pool is not shut down: a forward running concurrently may still submit to it; its idle
            // daemon threads are the price of raising the worker count at run time
            AtomicInteger n = new AtomicInteger();
            pool = Executors.newFixedThreadPool(helpers, r -> {
                Thread t = new Thread(r, "bertology4j-batch-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            poolSize = helpers;
        }
        return pool;
    }
}
