package org.bertology4j.core.model;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reusable off-heap memory (ND4J workspaces, one per thread and purpose) for arrays that do not outlive a scope.
 * <p>Why: every fresh off-heap array is new memory from the OS, and touching it page-faults at about
 * 0.4 ms per MB on our machine, measured (a [1024, 3072] float array costs ~5 ms to create, more than
 * the element-wise op that fills it); the memory of dead arrays returns only when the garbage collector finds them.
 * A layer allocates ~30 MB (bge-small) to ~70 MB (BERT-base) of temporaries per batch of 8 × 128; reusing the same
 * pages for every layer ({@link #layer()}) removes that cost. Whatever outlives the scope must be {@code detach()}ed
 * before it closes. A workspace learns its size on first use, grows when a larger input spills, and stays allocated
 * for the thread ({@code Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread()} frees it).
 */
public final class ScratchMemory {
    private static final String LAYER = "bertology4j-encoder-layer";
    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.1)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private ScratchMemory() {}

    /** Opens (activates) this thread's scratch workspace for one encoder layer's temporaries. */
    static MemoryWorkspace layer() { return open(LAYER); }


    /**
     * Memory a computation's workspace may keep for the thread's next call; above it, the workspace is freed when the
     * computation ends (a DeepLIFT attribution of BERT-base at 512 tokens would otherwise hold ~1.3 GB per thread).
     */
    static final long RETAINED_BYTES = 512L << 20;

    /**
     * Runs {@code body} with every ND4J array it allocates in this thread's workspace named {@code purpose}, reused
     * from call to call (DeepLIFT's stacked forward, caches and propagation are ~15 MB per layer of BERT-base at
     * 2 × 128, fresh memory page-faulted on every call otherwise). The arrays all die with the call: the result must
     * hold Java values or arrays {@code detach()}ed inside; code the caller passes in that may keep arrays runs under
     * {@code Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()}. Re-entered with the same purpose (a method calling
     * another), the inner call runs in the outer one's scope. Nested {@link #layer()} scopes keep their own memory. A
     * workspace that grew beyond {@link #RETAINED_BYTES} is freed at the end instead of kept.
     */
    public static <T> T run(String purpose, java.util.function.Supplier<T> body) {
        return run(purpose, RETAINED_BYTES, body);
    }

    /** {@link #run(String, java.util.function.Supplier)} keeping at most {@code retainedBytes} (the tests vary it). */
    static <T> T run(String purpose, long retainedBytes, java.util.function.Supplier<T> body) {
        if (Nd4j.getWorkspaceManager().checkIfWorkspaceExistsAndActive(purpose)) return body.get();
        MemoryWorkspace ws = open(purpose);
        try (ws) {
            return body.get();
        } finally {
            if (ws.getCurrentSize() > retainedBytes) Nd4j.getWorkspaceManager().destroyWorkspace(ws);
        }
    }

    private static MemoryWorkspace open(String purpose) {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, purpose);
    }
}
