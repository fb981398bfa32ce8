package org.bertology4j.core.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class NativeBuildTest {
    @Test
    void picksTheOneDnnBuildOnlyWhenUnsetSupportedAndPresent() {
        assertEquals(NativeBuild.ONEDNN_AVX2, NativeBuild.choose(null, true, true));
        assertNull(NativeBuild.choose("", true, true), "an explicit empty value (plain build) is the user's choice");
        assertNull(NativeBuild.choose("-avx2", true, true), "an explicit build is the user's choice");
        assertNull(NativeBuild.choose(null, false, true), "no AVX2: the AVX2 build would crash");
        assertNull(NativeBuild.choose(null, true, false), "build not on the classpath: JavaCPP would fall back anyway");
    }
}
