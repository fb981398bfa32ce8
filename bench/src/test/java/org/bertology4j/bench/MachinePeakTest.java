package org.bertology4j.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MachinePeakTest {
    @Test
    void theLoopComputesItsChainsAndThePeakScalesByTheLanes() throws Exception {
        // each chain converges to c / (1 - m) = 1: the loop really runs its multiply-adds
        assertEquals(12.0, MachinePeak.fmaLoop(200_000), 1e-2);
        int lanes = MachinePeak.simdFloatLanes();
        assertTrue(lanes == 4 || lanes == 8 || lanes == 16, "lanes " + lanes);
        MachinePeak.Result r = MachinePeak.measure(1);
        assertEquals(r.scalarGflops() * lanes, r.peakGflops(), 1e-9);
        assertTrue(r.scalarGflops() > 0.1, r.toString());
    }
}
