package org.bertology4j.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Chooses ND4J's fastest native build on the classpath before ND4J loads: the AVX2 build with oneDNN
 * ({@code nd4j-native:linux-x86_64-onednn-avx2}, a dependency of this module) on CPUs with AVX2, else the plain
 * build. JavaCPP loads an extension build only when the system property {@value #PROPERTY} names it; without it a
 * program embedding the library silently ran on the plain build (no AVX2 loops, no oneDNN softmax: bge-small's
 * forward ~1.4x slower here, measured).
 *
 * <p>{@link BertModel} calls {@link #select()} when it is first used; a program that creates ND4J arrays before
 * that should call it first itself (or set the property). It changes nothing when the property is already set (the
 * user's choice, e.g. {@code -D}{@value #PROPERTY}{@code =} for the plain build), when ND4J has already loaded its
 * natives (then the property is no longer read), or off Linux x86-64.
 */
public final class NativeBuild {
    /** JavaCPP's property naming the build variant to load. */
    public static final String PROPERTY = "org.bytedeco.javacpp.platform.extension";
    /** The variant this module ships besides the plain build. */
    public static final String ONEDNN_AVX2 = "-onednn-avx2";
    private static final String LIBRARY = "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64" + ONEDNN_AVX2
            + "/libnd4jcpu.so";

    private NativeBuild() {}

    /** Sets {@value #PROPERTY} to {@value #ONEDNN_AVX2} when that is the right choice here (see the class comment). */
    public static synchronized void select() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        boolean linuxX86 = os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
        String choice = choose(System.getProperty(PROPERTY), linuxX86 && cpuHasAvx2(),
                NativeBuild.class.getClassLoader().getResource(LIBRARY) != null);
        if (choice != null) System.setProperty(PROPERTY, choice);
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

    /** Whether /proc/cpuinfo lists the avx2 flag (false when it cannot be read). */
    static boolean cpuHasAvx2() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> (" " + l.substring(l.indexOf(':') + 1) + " ").contains(" avx2 ")).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
