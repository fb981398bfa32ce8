package org.bertology4j.core.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeBuildTest {
    @Test
    void picksTheOneDnnBuildOnlyWhenUnsetSupportedAndPresent() {
        assertEquals(NativeBuild.ONEDNN_AVX2, NativeBuild.choose(null, true, true));
        assertNull(NativeBuild.choose("", true, true), "an explicit empty value (plain build) is the user's choice");
        assertNull(NativeBuild.choose("-avx2", true, true), "an explicit build is the user's choice");
        assertNull(NativeBuild.choose(null, false, true), "no AVX2: the AVX2 build would crash");
        assertNull(NativeBuild.choose(null, true, false), "build not on the classpath: JavaCPP would fall back anyway");
    }

    @Test
    void picksOneMklWhenPresentUnlessTheUserChoseABlas() {
        assertEquals(NativeBuild.MKL_RT, NativeBuild.chooseBlas(null, null, true));
        assertNull(NativeBuild.chooseBlas(null, null, false), "no oneMKL on the classpath: OpenBLAS");
        assertNull(NativeBuild.chooseBlas(null, "openblas", true), "-Dbertology4j.blas=openblas keeps OpenBLAS");
        assertEquals(NativeBuild.MKL_RT, NativeBuild.chooseBlas(null, "MKL", true));
        assertNull(NativeBuild.chooseBlas("openblas", null, true), "org.bytedeco.openblas.load set by the user wins");
        var bad = assertThrows(IllegalArgumentException.class, () -> NativeBuild.chooseBlas(null, "atlas", true));
        assertTrue(bad.getMessage().contains("expected mkl or openblas"), bad.getMessage());
        var missing = assertThrows(IllegalArgumentException.class, () -> NativeBuild.chooseBlas(null, "mkl", false));
        assertTrue(missing.getMessage().contains("not on the classpath"), missing.getMessage());
    }

    /**
     * A program with no JVM flags and none of the variables in its environment gets the fast build and the settings,
     * as the natives see them once loaded; on an AVX-512 CPU OpenBLAS reports the SkylakeX kernels.
     */
    @Test
    void aPlainJvmGetsTheFastBuildAndTheNativesSettings() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), NativeSetupProbe.class.getName()));
        pb.environment().keySet().removeIf(k -> k.startsWith("OMP_") || k.startsWith("OPENBLAS_") || k.startsWith("MKL_")
                || k.startsWith("BERTOLOGY4J_"));
        pb.environment().put("OPENBLAS_VERBOSE", "2");   // OpenBLAS prints the core type it picked
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("OMP_WAIT_POLICY=passive"), out);
        assertTrue(out.contains("loaded=true"), out);
        // oneMKL is a runtime dependency of core: it serves the products, with GNU OpenMP threads
        assertTrue(out.contains("blas=" + NativeBuild.ONEMKL), out);
        assertTrue(out.contains("MKL_THREADING_LAYER=GNU"), out);
        // the attention's per-head products through JavaCPP's MKL preset, loaded without JavaCPP's version warning
        assertTrue(out.contains("batched=oneMKL strided batch"), out);
        // the dense products on oneDNN's matmul primitive through JavaCPP's oneDNN preset (bit-checked on AVX2 CPUs)
        if (!org.bertology4j.core.kernels.CpuFlags.avx512()) assertTrue(out.contains("dense=oneDNN matmul"), out);
        assertFalse(out.contains("do not match"), out);
        if (org.bertology4j.core.kernels.CpuFlags.has("avx2")) assertTrue(out.contains("extension=" + NativeBuild.ONEDNN_AVX2), out);
        if (org.bertology4j.core.kernels.CpuFlags.avx512()) {
            assertTrue(out.contains("OPENBLAS_CORETYPE=SkylakeX"), out);
            assertTrue(out.contains("Core: SkylakeX"), "OpenBLAS did not pick SkylakeX:\n" + out);
        } else {
            assertTrue(out.contains("OPENBLAS_CORETYPE=null"), out);
        }
    }
}
