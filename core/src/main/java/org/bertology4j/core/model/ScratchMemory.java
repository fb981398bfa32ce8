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
     * Opens (activates) this thread's workspace named {@code purpose} for a whole computation whose ND4J arrays all
     * die with it (DeepLIFT's stacked forward, caches and propagation: ~15 MB per layer of BERT-base at 2 × 128, a
     * fifth of an attribution when page-faulted afresh, measured). Close it to release what was allocated inside;
     * arrays that must outlive it are {@code detach()}ed first. Nested {@link #layer()} scopes keep their own memory.
     */
    public static MemoryWorkspace open(String purpose) {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, purpose);
    }
}
