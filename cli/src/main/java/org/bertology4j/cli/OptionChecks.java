package org.bertology4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Every command's option values checked after parsing and before the command runs (so before any model is loaded or
 * fetched): numbers in range, input files present, output locations usable (a directory, or creatable, and
 * writable). Each error names the option and the value. The rules are by option name, shared by all commands; an
 * option with another meaning in one command has its own rule under {@code "COMMAND --option"}. Every numeric
 * option of every command must have a rule ({@code OptionChecksTest} walks them all).
 */
final class OptionChecks {
    private OptionChecks() {}

    /** A value the command cannot use: the message names the option and the value. */
    static final class InvalidValueException extends CommandLine.ParameterException {
        InvalidValueException(CommandLine cmd, String message) { super(cmd, message); }
    }

    /** One rule: null when the value is fine, else what is wrong with it. */
    @FunctionalInterface
    interface Rule {
        String problem(Object value);
    }

    private static final Rule POSITIVE = atLeast(1), NON_NEGATIVE = atLeast(0), ANY = v -> null;
    private static final Rule ALL_OR_POSITIVE = v -> ((Number) v).longValue() == -1 || ((Number) v).longValue() >= 1
            ? null : "must be -1 (all) or at least 1";
    private static final Rule DIRECTORY_OUT = OptionChecks::outputDirectory, FILE_IN = OptionChecks::inputFile,
            DIRECTORY_IN = OptionChecks::inputDirectory;

    /** The rules by option name (or "COMMAND --option" where a command's option differs). */
    static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("--top", POSITIVE),
            Map.entry("--steps", POSITIVE),
            Map.entry("--limit", ALL_OR_POSITIVE),
            Map.entry("--doc-limit", ALL_OR_POSITIVE),
            Map.entry("--train-limit", ALL_OR_POSITIVE),
            Map.entry("--dev-limit", ALL_OR_POSITIVE),
            Map.entry("--max-train", ALL_OR_POSITIVE),
            Map.entry("--max-dev", ALL_OR_POSITIVE),
            Map.entry("--stop-after", ALL_OR_POSITIVE),
            Map.entry("--max-pieces", v -> ((Number) v).intValue() == -1 || ((Number) v).intValue() >= 3
                    ? null : "must be at least 3 (two specials and a piece)"),
            Map.entry("probe --max-pieces", atLeast(3)),
            Map.entry("--max-length", atLeast(3)),
            Map.entry("--max-seq-length", atLeast(8)),
            Map.entry("--doc-stride", POSITIVE),
            Map.entry("--max-query-length", POSITIVE),
            Map.entry("--limit-train", ALL_OR_POSITIVE),
            Map.entry("--limit-dev", ALL_OR_POSITIVE),
            Map.entry("--n-best", POSITIVE),
            Map.entry("--max-answer-length", POSITIVE),
            Map.entry("--null-threshold", v -> finite(v) ? null : "must be a finite number"),
            Map.entry("--max-sequences", POSITIVE),
            Map.entry("--max-examples", POSITIVE),
            Map.entry("--checkpoint-seconds", NON_NEGATIVE),
            Map.entry("--checkpoint-every", NON_NEGATIVE),
            Map.entry("--block", POSITIVE),
            Map.entry("--token-budget", POSITIVE),
            Map.entry("--every", POSITIVE),
            Map.entry("--sample", ALL_OR_POSITIVE),
            Map.entry("--sample-seed", ANY),
            Map.entry("--pairs", POSITIVE),
            Map.entry("--time-limit", v -> ((Number) v).doubleValue() == -1 || (finite(v) && ((Number) v).doubleValue() > 0)
                    ? null : "must be -1 (none) or a positive number of minutes"),
            Map.entry("--flow-every", POSITIVE),
            Map.entry("--spark-partitions", NON_NEGATIVE),
            Map.entry("--epochs", POSITIVE),
            Map.entry("--batch-size", POSITIVE),
            Map.entry("--batch", POSITIVE),
            Map.entry("--iters", POSITIVE),
            Map.entry("--sentences", POSITIVE),
            Map.entry("agreement --max-pieces", atLeast(8)),
            Map.entry("--seed", ANY),
            Map.entry("--lr", v -> finite(v) && ((Number) v).doubleValue() > 0 ? null : "must be a positive number"),
            Map.entry("--warmup", between(0, 1)),
            Map.entry("--dropout", v -> finite(v) && ((Number) v).doubleValue() >= 0 && ((Number) v).doubleValue() < 1
                    ? null : "must be at least 0 and below 1"),
            Map.entry("--weight-decay", v -> finite(v) && ((Number) v).doubleValue() >= 0 ? null : "must be a number >= 0"),
            Map.entry("--clip", v -> finite(v) && ((Number) v).doubleValue() > 0 ? null : "must be a positive number"),
            Map.entry("--out", DIRECTORY_OUT),
            Map.entry("view --out", OptionChecks::outputFile),
            Map.entry("convert --out", OptionChecks::newDirectory),
            Map.entry("qa-data --out", OptionChecks::outputFile),
            Map.entry("--unanswerable-share", v -> finite(v) && ((Number) v).doubleValue() >= 0 && ((Number) v).doubleValue() < 1
                    ? null : "must be at least 0 and below 1"),
            Map.entry("--conllu", FILE_IN),
            Map.entry("--train", FILE_IN),
            Map.entry("--data", FILE_IN),
            Map.entry("--figures", ALL_OR_POSITIVE),
            Map.entry("--dev", FILE_IN),
            Map.entry("--glove", FILE_IN),
            Map.entry("--paired-with", FILE_IN),
            Map.entry("--from", v -> Files.exists((Path) v) ? null : "does not exist"),
            Map.entry("--finetuned", DIRECTORY_IN),
            Map.entry("--glue", DIRECTORY_IN),
            Map.entry("probe --random-init", v -> known(() -> org.bertology4j.analysis.probe.RandomInit.of((String) v))),
            Map.entry("--mds", v -> known(() -> org.bertology4j.analysis.cluster.Mds.of((String) v))),
            Map.entry("--segments", v -> known(() -> org.bertology4j.analysis.surface.Segments.of((String) v))),
            Map.entry("--distance-baseline", v -> known(() -> org.bertology4j.analysis.probe.DistanceBaseline.of((String) v))));

    /**
     * Checks the options of the command that will run (the last subcommand of {@code parsed}).
     *
     * @throws InvalidValueException naming the first option whose value is unusable
     */
    static void check(ParseResult parsed) {
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) leaf = leaf.subcommand();
        CommandLine cmd = leaf.commandSpec().commandLine();
        // numbers first: an output location is probed (a file created and removed) only for a command that can run
        for (boolean paths : new boolean[]{false, true}) {
            for (OptionSpec o : leaf.commandSpec().options()) {
                Object option = o.getValue();
                // a repeated option (e.g. several --conllu files): each value by the option's rule
                for (Object value : option instanceof java.util.Collection<?> c ? c : java.util.Collections.singletonList(option)) {
                    if (value == null || (value instanceof Path) != paths) continue;
                    Rule rule = rule(cmd.getCommandName(), o.longestName());
                    String problem = rule == null ? null : rule.problem(value);
                    if (problem != null) throw new InvalidValueException(cmd, o.longestName() + " " + value + ": " + problem);
                }
            }
        }
    }

    /** The rule of {@code option} in {@code command}, or null. */
    static Rule rule(String command, String option) {
        Rule r = RULES.get(command + " " + option);
        return r != null ? r : RULES.get(option);
    }

    // A named variant: null when {@code parse} accepts it, else its message (which lists the accepted names).
    private static String known(Runnable parse) {
        try {
            parse.run();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static Rule atLeast(long min) {
        return v -> ((Number) v).longValue() >= min ? null : "must be at least " + min;
    }

    private static Rule between(double min, double max) {
        return v -> finite(v) && ((Number) v).doubleValue() >= min && ((Number) v).doubleValue() <= max
                ? null : "must be between " + min + " and " + max;
    }

    private static boolean finite(Object v) { return Double.isFinite(((Number) v).doubleValue()); }

    private static String inputFile(Object v) {
        Path p = (Path) v;
        if (Files.isRegularFile(p)) return null;
        return Files.exists(p) ? "is not a file" : "does not exist";
    }

    private static String inputDirectory(Object v) {
        Path p = (Path) v;
        if (Files.isDirectory(p)) return null;
        return Files.exists(p) ? "is not a directory" : "does not exist";
    }

    // A directory that exists and is writable, or can be created (its nearest existing ancestor is a writable directory).
    private static String outputDirectory(Object v) {
        Path p = ((Path) v).toAbsolutePath().normalize();
        if (Files.exists(p) && !Files.isDirectory(p)) return "is an existing file, not a directory (give a directory; it is created when missing)";
        return writable(p);
    }

    // A file to write: not a directory, in a directory that exists and is writable or can be created.
    private static String outputFile(Object v) {
        Path p = ((Path) v).toAbsolutePath().normalize();
        if (Files.isDirectory(p)) return "is a directory (give the file to write)";
        return p.getParent() == null ? "has no parent directory" : writable(p.getParent());
    }

    // A directory that must not exist yet (conversion output).
    private static String newDirectory(Object v) {
        Path p = ((Path) v).toAbsolutePath().normalize();
        if (Files.exists(p)) return "already exists (the converted model goes into a new directory)";
        return p.getParent() == null ? "has no parent directory" : writable(p.getParent());
    }

    // Whether files can be created in dir (or in the directories that would be created for it): tried, not guessed
    // from permission bits (root ignores them; a read-only mount does not show in them).
    private static String writable(Path dir) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return "cannot be created (no existing parent directory)";
        if (!Files.isDirectory(existing)) return "cannot be created: " + existing + " is a file";
        try {
            Files.delete(Files.createTempFile(existing, ".bertology4j-write-check", ""));
            return null;
        } catch (IOException e) {
            return "is not writable" + (existing.equals(dir) ? "" : " (in " + existing + ")") + ": " + reason(e);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        if (e instanceof java.nio.file.AccessDeniedException) return "Permission denied";
        return "no file can be created there (" + e.getClass().getSimpleName() + ")";
    }
}
