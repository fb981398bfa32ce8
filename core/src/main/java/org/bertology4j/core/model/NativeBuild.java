package org.bertology4j.core.model;

import org.bertology4j.core.kernels.CpuFlags;
import org.bertology4j.core.kernels.LoadedBlas;

import java.util.Locale;

/**
 * Sets up ND4J's natives before they load, so that a program embedding the library runs at full speed with no
 * environment variables and no JVM flags.
 *
 * <p>First, the build: ND4J's fastest native build on the classpath: the AVX2 build with oneDNN
 * ({@code nd4j-native:linux-x86_64-onednn-avx2}, a dependency of this module) on CPUs with AVX2, else the plain
 * build. JavaCPP loads an extension build only when the system property {@value #PROPERTY} names it; without it a
 * program embedding the library silently ran on the plain build (no AVX2 loops, no oneDNN softmax: bge-small's
 * forward ~1.4x slower here, measured).
 *
 * <p>Second, the BLAS: Intel oneMKL in OpenBLAS's place when its natives are on the classpath
 * ({@code org.bytedeco:mkl:linux-x86_64-redist}, a runtime dependency of this module), through JavaCPP's OpenBLAS
 * preset ({@value #BLAS_LOAD}{@code =mkl_rt}; ND4J calls the same CBLAS functions). Measured on a 2-core AMD EPYC
 * (Zen 2): bge-small's forward 1.64x -> 1.17x ONNX Runtime's time, all G*_n 114.7 -> 93.6 forwards (docs/engine.md).
 * {@code -D}{@value #BLAS_PROPERTY}{@code =openblas} keeps OpenBLAS; a value of {@value #BLAS_LOAD} set by the user
 * wins.
 *
 * <p>Third, the environment variables the natives read when they load ({@link NativeEnvironment}: OpenMP's wait
 * policy, OpenBLAS's core type on AVX-512 CPUs, oneMKL's threading layer), set in this process through libc's
 * {@code setenv} (JavaCPP's {@code systems} preset) unless the user set them. Without them a program embedding the
 * library ran 1.3-1.85x slower than the launcher.
 *
 * <p>{@link BertModel} and {@link BertWeights} call {@link #select()} when they are first used; a program that creates
 * ND4J arrays before that should call it first itself (or set the property and variables). It changes nothing when
 * the property is already set (the user's choice, e.g. {@code -D}{@value #PROPERTY}{@code =} for the plain build), or
 * off Linux x86-64; when ND4J has already loaded its natives it is too late, and it says so once.
 */
public final class NativeBuild {
    /** JavaCPP's property naming the build variant to load. */
    public static final String PROPERTY = "org.bytedeco.javacpp.platform.extension";
    /** The variant this module ships besides the plain build. */
    public static final String ONEDNN_AVX2 = "-onednn-avx2";
    private static final String LIBRARY = "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64" + ONEDNN_AVX2
            + "/libnd4jcpu.so";
    /** JavaCPP's OpenBLAS preset: the library it loads in OpenBLAS's place. */
    public static final String BLAS_LOAD = "org.bytedeco.openblas.load";
    /** bertology4j's choice of BLAS, {@code mkl} or {@code openblas}; unset: oneMKL when its natives are present. */
    public static final String BLAS_PROPERTY = "bertology4j.blas";
    /** What {@value #BLAS_LOAD} names for oneMKL. */
    public static final String MKL_RT = "mkl_rt";
    private static final String MKL_LIBRARY = "org/bytedeco/mkl/linux-x86_64/libmkl_rt.so.2";
    /** {@link #blasInUse()}'s names. */
    public static final String ONEMKL = LoadedBlas.ONEMKL, OPENBLAS = LoadedBlas.OPENBLAS;

    private NativeBuild() {}

    private static final System.Logger LOG = System.getLogger(NativeBuild.class.getName());
    private static boolean done;

    /**
     * Chooses the native build and sets the natives' environment (see the class comment); only the first call does
     * anything.
     */
    public static synchronized void select() {
        if (done) return;
        done = true;
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        boolean linuxX86 = os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
        if (!linuxX86) return;
        String choice = choose(System.getProperty(PROPERTY), CpuFlags.has("avx2"),
                NativeBuild.class.getClassLoader().getResource(LIBRARY) != null);
        String blas = chooseBlas(System.getProperty(BLAS_LOAD), System.getProperty(BLAS_PROPERTY),
                NativeBuild.class.getClassLoader().getResource(MKL_LIBRARY) != null);
        boolean mkl = MKL_RT.equals(blas) || MKL_RT.equals(System.getProperty(BLAS_LOAD));
        NativeEnvironment.Settings settings = NativeEnvironment.decide(System.getenv(), CpuFlags.avx512(), mkl);
        if (choice == null && blas == null && settings.variables().isEmpty()) return;
        if (nativesLoaded()) {
            LOG.log(System.Logger.Level.WARNING, "bertology4j: ND4J's natives were loaded before bertology4j could set"
                    + " them up (" + (choice == null ? "" : PROPERTY + "=" + choice + " ")
                    + (blas == null ? "" : BLAS_LOAD + "=" + blas + " ") + settings.variables()
                    + "); call NativeBuild.select() before the first ND4J call, or set these, for full speed");
            return;
        }
        if (choice != null) System.setProperty(PROPERTY, choice);
        if (blas != null) System.setProperty(BLAS_LOAD, blas);
        applyEnvironment(settings);
    }

    /** Sets the variables in this process (libc's environment, which the natives read), or says why it could not. */
    private static void applyEnvironment(NativeEnvironment.Settings settings) {
        if (settings.notice() != null) LOG.log(System.Logger.Level.INFO, settings.notice());
        if (settings.variables().isEmpty()) return;
        try {
            for (var e : settings.variables().entrySet()) {
                if (org.bytedeco.systems.global.linux.setenv(e.getKey(), e.getValue(), 1) != 0) {
                    throw new IllegalStateException("setenv(" + e.getKey() + ") failed");
                }
            }
        } catch (Throwable t) {   // natives of the systems preset missing or refused: slower, never wrong
            LOG.log(System.Logger.Level.WARNING, "bertology4j: could not set " + settings.variables()
                    + " for the natives (" + t + "); set them in the environment for full speed");
        }
    }

    /** Whether JavaCPP has already loaded ND4J's, the BLAS's or OpenMP's natives (then their settings are fixed). */
    static boolean nativesLoaded() {
        return org.bytedeco.javacpp.Loader.getLoadedLibraries().keySet().stream()
                .map(k -> k.toLowerCase(Locale.ROOT))
                .anyMatch(k -> k.contains("nd4j") || k.contains("openblas") || k.contains("mkl") || k.contains("gomp"));
    }

    /** The BLAS serving ND4J's products in this process, as loaded: {@link #ONEMKL}, {@link #OPENBLAS}, or null before load. */
    public static String blasInUse() { return LoadedBlas.name(); }

    /**
     * The value to give {@value #BLAS_LOAD}, or null to leave it alone (OpenBLAS).
     *
     * @param currentLoad the property's current value (null when unset: then it is the user's choice)
     * @param choice      {@value #BLAS_PROPERTY}: {@code mkl}, {@code openblas} or null (oneMKL when found)
     * @param mklFound    whether oneMKL's natives are on the classpath
     * @throws IllegalArgumentException for another value of {@value #BLAS_PROPERTY}, or {@code mkl} without its natives
     */
    static String chooseBlas(String currentLoad, String choice, boolean mklFound) {
        if (choice != null && !choice.equalsIgnoreCase("mkl") && !choice.equalsIgnoreCase("openblas")) {
            throw new IllegalArgumentException("-D" + BLAS_PROPERTY + "=" + choice + ": expected mkl or openblas");
        }
        if (currentLoad != null) return null;
        if (choice != null && choice.equalsIgnoreCase("openblas")) return null;
        if (!mklFound && choice != null) {
            throw new IllegalArgumentException("-D" + BLAS_PROPERTY + "=mkl, but oneMKL's natives are not on the classpath "
                    + "(org.bytedeco:mkl:<version>:linux-x86_64-redist)");
        }
        return mklFound ? MKL_RT : null;
    }

    /**
     * The extension to set, or null to leave the property alone.
     *
     * @param current    the property's current value (null when unset)
     * @param avx2       whether this is a Linux x86-64 CPU with AVX2
     * @param buildFound whether the oneDNN AVX2 build is on the classpath
     */
    static String choose(String current, boolean avx2, boolean buildFound) {
        return current == null && avx2 && buildFound ? ONEDNN_AVX2 : null;
    }
}
