package org.bertology4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Checks every command's options before the command runs (so before any model loads): numbers in their ranges and
 * output locations usable. A bad value fails at once with the option and the value named, instead of an error deep in
 * the run ({@code error: -1}) or after minutes of work ({@code --out} read-only).
 */
final class OptionChecks {
    /** Options counting something that must be at least 1. */
    private static final Set<String> AT_LEAST_ONE = Set.of("--top", "--batch", "--iters", "--max-sequences", "--every",
            "--flow-every", "--token-budget", "--checkpoint-seconds", "--epochs", "--batch-size", "--max-examples",
            "--max-length");
    /** Options where -1 means "all" and other values count. */
    private static final Set<String> ALL_OR_COUNT = Set.of("--limit", "--doc-limit", "--train-limit", "--dev-limit",
            "--stop-after", "--max-train", "--max-dev");
    /** Options at least 0. */
    private static final Set<String> NON_NEGATIVE = Set.of("--spark-partitions", "--checkpoint-every", "--weight-decay", "--clip");
    /** Options in [low, high) or [low, high] (inclusive upper bound marked by the third value 1). */
    private static final Map<String, double[]> INTERVALS = Map.of("--dropout", new double[]{0, 1, 0},
            "--warmup", new double[]{0, 1, 1});

    private OptionChecks() {}

    /** Checks the options of the command about to run; throws a {@link ParameterException} naming the first bad one. */
    static void check(CommandLine command) {
        for (OptionSpec o : command.getCommandSpec().options()) {
            Object v = o.getValue();
            if (v == null) continue;
            String name = o.longestName();
            if (v instanceof Number n) checkNumber(command, name, n);
            if (name.equals("--out") && v instanceof Path p) checkOutput(command, p, o.paramLabel());
        }
        for (CommandLine.Model.CommandSpec mixin : command.getCommandSpec().mixins().values()) {
            for (OptionSpec o : mixin.options()) {
                if (o.getValue() instanceof Number n) checkNumber(command, o.longestName(), n);
            }
        }
    }

    private static void checkNumber(CommandLine command, String name, Number n) {
        double v = n.doubleValue();
        String problem = null;
        if (AT_LEAST_ONE.contains(name) && v < 1) problem = "must be at least 1";
        else if (ALL_OR_COUNT.contains(name) && v < 0 && v != -1) problem = "must be a count, or -1 for all";
        else if (NON_NEGATIVE.contains(name) && v < 0) problem = "must not be negative";
        else if (name.equals("--lr") && !(v > 0)) problem = "must be positive";
        else if (INTERVALS.containsKey(name)) {
            double[] r = INTERVALS.get(name);
            boolean inside = v >= r[0] && (r[2] == 1 ? v <= r[1] : v < r[1]);
            if (!inside) problem = "must be in [" + fmt(r[0]) + ", " + fmt(r[1]) + (r[2] == 1 ? "]" : ")");
        }
        if (problem != null) throw new ParameterException(command, name + " " + n + ": " + problem);
    }

    /** An output directory ({@code DIR}) must be creatable and writable; an output file's folder likewise. */
    private static void checkOutput(CommandLine command, Path out, String label) {
        boolean directory = label == null || !(label.contains("FILE") || label.contains("PATH"));
        if (directory && Files.exists(out) && !Files.isDirectory(out)) {
            throw new ParameterException(command, "--out " + out + ": a file of that name exists; --out is a directory here");
        }
        if (!directory && Files.isDirectory(out)) {
            throw new ParameterException(command, "--out " + out + ": is a directory; give the file to write");
        }
        Path dir = directory ? out : out.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".bertology4j-write-check", ".tmp"));
        } catch (IOException | SecurityException e) {
            throw new ParameterException(command, "--out " + out + ": cannot write there (" + e + ")");
        }
    }

    private static String fmt(double v) { return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v); }
}
