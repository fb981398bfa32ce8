package org.bertology4j.core.kernels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU's feature flags as Linux lists them ({@code /proc/cpuinfo}). Free of ND4J, so the native set-up can ask
 * before the natives load; the products ask it where the fastest layout was measured to differ between CPUs.
 */
public final class CpuFlags {
    private static final boolean AVX512F = has("avx512f");

    private CpuFlags() {}

    /** Whether the CPU lists {@code flag} (e.g. {@code avx2}, {@code avx512f}); false where it cannot be read. */
    public static boolean has(String flag) {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> (" " + l.substring(l.indexOf(':') + 1) + " ").contains(" " + flag + " ")).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the CPU has AVX-512F (read once). */
    public static boolean avx512() { return AVX512F; }
}
