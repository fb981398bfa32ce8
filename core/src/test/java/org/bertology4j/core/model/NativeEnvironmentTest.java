package org.bertology4j.core.model;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeEnvironmentTest {
    @Test
    void setsThePassiveWaitPolicyUnlessTheUserChoseOne() {
        assertEquals(Map.of("OMP_WAIT_POLICY", "passive"), NativeEnvironment.decide(Map.of(), false, false).variables());
        assertTrue(NativeEnvironment.decide(Map.of("OMP_WAIT_POLICY", "active"), false, false).variables().isEmpty());
    }

    @Test
    void picksSkylakeXOnlyOnAvx512AndOverridesAnAvx2CoreTypeWithANotice() {
        assertNull(NativeEnvironment.decide(Map.of(), false, false).variables().get("OPENBLAS_CORETYPE"), "AVX2 CPU: OpenBLAS detects it");
        assertEquals("SkylakeX", NativeEnvironment.decide(Map.of(), true, false).variables().get("OPENBLAS_CORETYPE"));
        var haswell = NativeEnvironment.decide(Map.of("OPENBLAS_CORETYPE", "Haswell"), true, false);
        assertEquals("SkylakeX", haswell.variables().get("OPENBLAS_CORETYPE"));
        assertTrue(haswell.notice().contains("Haswell -> SkylakeX"), haswell.notice());
        var cooper = NativeEnvironment.decide(Map.of("OPENBLAS_CORETYPE", "CooperLake"), true, false);
        assertNull(cooper.variables().get("OPENBLAS_CORETYPE"), "an AVX-512 core type is kept");
        assertNull(cooper.notice());
    }

    @Test
    void theForcedCoreTypeWinsEverywhere() {
        var forced = NativeEnvironment.decide(Map.of("BERTOLOGY4J_OPENBLAS_CORETYPE", "Haswell", "OPENBLAS_CORETYPE", "Zen"), true, false);
        assertEquals("Haswell", forced.variables().get("OPENBLAS_CORETYPE"));
        assertNull(forced.notice());
    }

    @Test
    void oneMklGetsTheGnuThreadingLayerUnlessTheUserChoseOne() {
        assertEquals("GNU", NativeEnvironment.decide(Map.of(), false, true).variables().get("MKL_THREADING_LAYER"));
        assertNull(NativeEnvironment.decide(Map.of(), false, false).variables().get("MKL_THREADING_LAYER"), "OpenBLAS: not set");
        assertNull(NativeEnvironment.decide(Map.of("MKL_THREADING_LAYER", "INTEL"), false, true).variables().get("MKL_THREADING_LAYER"));
    }
}
