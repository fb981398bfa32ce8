package org.bertology4j.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment variables the natives read once, when they load, and the values that make them fast here.
 * Pure decisions (testable without natives); {@link NativeBuild} applies them to the process before ND4J loads.
 *
 * <ul>
 *   <li>{@code OMP_WAIT_POLICY=passive}: idle OpenMP workers sleep instead of spinning. The engine alternates OpenMP
 *   ops (gemm, erf, softmax) with plain-Java passes, and ND4J's and OpenBLAS's thread pools share the cores, so
 *   spinning workers steal the cores the next op needs (measured on 2 cores: bge-small's forward 5.45x -> 3.02x ONNX
 *   Runtime's time). Libgomp reads it when it loads.</li>
 *   <li>{@code OPENBLAS_CORETYPE=SkylakeX} on CPUs with AVX-512F: OpenBLAS 0.3.19 (ND4J 1.0.0-M2.1) does not know
 *   recent AVX-512 CPUs (e.g. AMD Zen 4) and falls back to its AVX2 kernels; its SkylakeX kernels made BERT-base's
 *   forward 1.45-1.6x faster there. OpenBLAS reads it when it loads. An AVX2 core type set by the environment is
 *   replaced on such CPUs (some machines set {@code OPENBLAS_CORETYPE=Haswell} globally), with a notice.</li>
 *   <li>{@code MKL_THREADING_LAYER=GNU} when oneMKL serves the products: its threads then come from the same GNU
 *   OpenMP runtime as ND4J's (its default, Intel's OpenMP, would be a second thread pool on the same cores).</li>
 * </ul>
 * A user's explicit choice wins: {@code OMP_WAIT_POLICY} already set is kept, and
 * {@code BERTOLOGY4J_OPENBLAS_CORETYPE=<type>} forces any core type (e.g. {@code Haswell}).
 */
final class NativeEnvironment {
    static final String WAIT_POLICY = "OMP_WAIT_POLICY";
    static final String CORETYPE = "OPENBLAS_CORETYPE";
    static final String FORCED_CORETYPE = "BERTOLOGY4J_OPENBLAS_CORETYPE";
    static final String MKL_THREADING = "MKL_THREADING_LAYER";
    private static final List<String> AVX512_CORETYPES = List.of("SKYLAKEX", "COOPERLAKE", "SAPPHIRERAPIDS");

    /** Variables to set and a notice for the user (null when there is nothing to say). */
    record Settings(Map<String, String> variables, String notice) {}

    private NativeEnvironment() {}

    /**
     * What to set, given the environment as it is.
     *
     * @param env    the process environment
     * @param avx512 whether the CPU has AVX-512F
     * @param mkl    whether oneMKL serves the products
     */
    static Settings decide(Map<String, String> env, boolean avx512, boolean mkl) {
        Map<String, String> set = new LinkedHashMap<>();
        String notice = null;
        if (isBlank(env.get(WAIT_POLICY))) set.put(WAIT_POLICY, "passive");
        if (mkl && isBlank(env.get(MKL_THREADING))) set.put(MKL_THREADING, "GNU");
        String forced = env.get(FORCED_CORETYPE), current = env.get(CORETYPE);
        if (!isBlank(forced)) {
            if (!forced.equals(current)) set.put(CORETYPE, forced);
        } else if (avx512) {
            if (isBlank(current)) {
                set.put(CORETYPE, "SkylakeX");
            } else if (!AVX512_CORETYPES.contains(current.toUpperCase(java.util.Locale.ROOT))) {
                set.put(CORETYPE, "SkylakeX");
                notice = "bertology4j: OPENBLAS_CORETYPE=" + current + " -> SkylakeX on this AVX-512 CPU (set "
                        + FORCED_CORETYPE + " to choose)";
            }
        }
        return new Settings(java.util.Collections.unmodifiableMap(set), notice);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
