package org.bertology4j.core.model;

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
 * <p>Second, the environment variables the natives read when they load ({@link NativeEnvironment}: OpenMP's wait
 * policy, OpenBLAS's core type on AVX-512 CPUs), set in this process through libc's {@code setenv} (JavaCPP's
 * {@code systems} preset) unless the user set them. Without them a program embedding the library ran 1.3-1.85x slower
 * than the launcher.
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
        String choice = choose(System.getProperty(PROPERTY), cpuHas("avx2"),
                NativeBuild.class.getClassLoader().getResource(LIBRARY) != null);
        NativeEnvironment.Settings settings = NativeEnvironment.decide(System.getenv(), cpuHas("avx512f"));
        if (choice == null && settings.variables().isEmpty()) return;
        if (nativesLoaded()) {
            LOG.log(System.Logger.Level.WARNING, "bertology4j: ND4J's natives were loaded before bertology4j could set"
                    + " them up (" + (choice == null ? "" : PROPERTY + "=" + choice + " ") + settings.variables()
                    + "); call NativeBuild.select() before the first ND4J call, or set these, for full speed");
            return;
        }
        if (choice != null) System.setProperty(PROPERTY, choice);
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

    /** Whether JavaCPP has already loaded ND4J's, OpenBLAS's or OpenMP's natives (then their settings are fixed). */
    static boolean nativesLoaded() {
        return org.bytedeco.javacpp.Loader.getLoadedLibraries().keySet().stream()
                .map(k -> k.toLowerCase(Locale.ROOT))
                .anyMatch(k -> k.contains("nd4j") || k.contains("openblas") || k.contains("gomp"));
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

    /** Whether /proc/cpuinfo lists {@code flag} (false when it cannot be read). */
    static boolean cpuHas(String flag) { return org.bertology4j.core.kernels.CpuFlags.has(flag); }
}
