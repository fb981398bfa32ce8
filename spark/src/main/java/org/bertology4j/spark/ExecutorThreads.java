package org.bertology4j.spark;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Native thread counts of the executor JVM. Spark runs several tasks per JVM, each wanting its own core; letting
 * every task's forward pass spread over all cores (the ND4J default) oversubscribes them. Set once per JVM.
 */
final class ExecutorThreads {
    private static int applied = -1;

    private ExecutorThreads() {}

    static synchronized void apply(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads per task must be at least 1 (got " + threads + ")");
        if (applied == threads) return;
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        // the Java kernels and a task's batch split use at most the task's own threads (the default is all cores)
        org.bertology4j.core.model.Execution.setProcessDefault(org.bertology4j.core.model.Execution.threads(threads));
        applied = threads;
    }
}
