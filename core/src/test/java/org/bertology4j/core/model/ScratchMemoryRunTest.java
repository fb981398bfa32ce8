package org.bertology4j.core.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A computation's workspace: reused across calls, re-entered in place, freed when it grew beyond the cap. */
class ScratchMemoryRunTest {
    private static boolean exists(String id) { return Nd4j.getWorkspaceManager().checkIfWorkspaceExists(id); }

    private static double sumOfFresh(long n) {
        INDArray a = Nd4j.ones(DataType.DOUBLE, n);
        assertTrue(a.isAttached(), "allocated in the workspace");
        return a.sumNumber().doubleValue();
    }

    @Test
    void keepsItsMemoryForTheNextCallUpToTheCap() {
        String id = "test-scratch-kept";
        assertEquals(1000.0, ScratchMemory.run(id, 1L << 30, () -> sumOfFresh(1000)));
        assertEquals(1000.0, ScratchMemory.run(id, 1L << 30, () -> sumOfFresh(1000)), "the same pages again");
        assertTrue(exists(id), "kept below the cap");
        Nd4j.getWorkspaceManager().destroyWorkspace(Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(id));
    }

    @Test
    void freesAWorkspaceThatGrewBeyondTheCap() {
        String id = "test-scratch-freed";
        for (int k = 0; k < 2; k++) {                          // the second call has learned its size: 80 kB > 1 kB
            assertEquals(10000.0, ScratchMemory.run(id, 1024, () -> sumOfFresh(10000)));
        }
        assertFalse(exists(id), "freed above the cap");
        assertFalse(Nd4j.getWorkspaceManager().anyWorkspaceActiveForCurrentThread(), "no workspace left open");
    }

    @Test
    void reEnteredWithTheSamePurposeRunsInTheOuterScope() {
        String id = "test-scratch-nested";
        double inner = ScratchMemory.run(id, 1L << 30, () -> {
            INDArray outer = Nd4j.ones(DataType.DOUBLE, 10);
            double v = ScratchMemory.run(id, 1L << 30, () -> sumOfFresh(10));
            assertTrue(Nd4j.getWorkspaceManager().checkIfWorkspaceExistsAndActive(id), "the outer scope is still open");
            return v + outer.sumNumber().doubleValue();
        });
        assertEquals(20.0, inner);
        assertFalse(Nd4j.getWorkspaceManager().anyWorkspaceActiveForCurrentThread());
        Nd4j.getWorkspaceManager().destroyWorkspace(Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(id));
    }
}
