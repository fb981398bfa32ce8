package org.bertology4j.distributed;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One loaded model per JVM and model path. Distributed tasks look their model up here instead of receiving it:
 * a model is hundreds of megabytes of off-heap arrays, so it is loaded once per executor JVM, on first use, and
 * shared by the tasks running in that JVM (the engine's forward pass is thread-safe). Only the path travels.
 */
public final class ExecutorModels {
    private static final ConcurrentMap<Path, AnalysisModel> MODELS = new ConcurrentHashMap<>();

    private ExecutorModels() {}

    /** The model at {@code directory}, loaded on first call in this JVM (concurrent callers wait for that load). */
    public static AnalysisModel get(String directory) {
        Path key = Path.of(directory).toAbsolutePath().normalize();
        return MODELS.computeIfAbsent(key, AnalysisModel::load);
    }

    /** Number of models loaded in this JVM (for tests and logs). */
    public static int loaded() { return MODELS.size(); }
}
