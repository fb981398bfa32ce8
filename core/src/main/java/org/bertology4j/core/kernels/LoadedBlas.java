package org.bertology4j.core.kernels;

import java.util.List;
import java.util.Locale;

/**
 * Which BLAS serves ND4J's products in this process, read from the natives JavaCPP has loaded (JavaCPP's OpenBLAS
 * preset loads oneMKL in OpenBLAS's place when {@code model.NativeBuild} asks it to). The products ask it where the
 * fastest route was measured to differ between the two; {@code NativeBuild.blasInUse()} reports it.
 */
public final class LoadedBlas {
    /** {@link #name()}'s values. */
    public static final String ONEMKL = "oneMKL", OPENBLAS = "OpenBLAS";
    private static volatile Boolean oneMkl;

    private LoadedBlas() {}

    /** {@link #ONEMKL}, {@link #OPENBLAS}, or null before the natives load. */
    public static String name() {
        List<String> loaded = org.bytedeco.javacpp.Loader.getLoadedLibraries().keySet().stream()
                .map(k -> k.toLowerCase(Locale.ROOT)).toList();
        if (loaded.stream().anyMatch(k -> k.contains("mkl_rt"))) return ONEMKL;
        if (loaded.stream().anyMatch(k -> k.contains("openblas"))) return OPENBLAS;
        return null;
    }

    /** Whether oneMKL serves the products: false before the natives load, then read once (it cannot change). */
    public static boolean oneMkl() {
        Boolean m = oneMkl;
        if (m == null) {
            String blas = name();
            if (blas == null) return false;                      // not loaded yet: ask again next time
            oneMkl = m = blas.equals(ONEMKL);
        }
        return m;
    }
}
