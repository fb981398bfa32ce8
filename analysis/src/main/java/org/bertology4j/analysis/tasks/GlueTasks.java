package org.bertology4j.analysis.tasks;

import org.bertology4j.tokenizer.Utf8Lines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * GLUE tasks from the standard TSV files (train.tsv and dev.tsv, or dev_matched.tsv for MNLI) found by
 * their header columns: MRPC, SST-2, RTE, QNLI, QQP, MNLI (classification) and STS-B (regression, label
 * "score"). Rows whose label is missing are reported as an error with the file and line number.
 */
public final class GlueTasks {
    private GlueTasks() {}

    /** Column names of segment A, segment B (null for single sentence) and the label of each task. */
    private record Layout(String a, String b, String label, String devFile, List<String> labels) {}

    private static Layout layout(String task) {
        return switch (task.toLowerCase(Locale.ROOT)) {
            case "mrpc" -> new Layout("#1 String", "#2 String", "Quality", "dev.tsv", List.of("0", "1"));
            case "sst-2", "sst2" -> new Layout("sentence", null, "label", "dev.tsv", List.of("0", "1"));
            case "rte" -> new Layout("sentence1", "sentence2", "label", "dev.tsv", List.of("entailment", "not_entailment"));
            case "qnli" -> new Layout("question", "sentence", "label", "dev.tsv", List.of("entailment", "not_entailment"));
            case "qqp" -> new Layout("question1", "question2", "is_duplicate", "dev.tsv", List.of("0", "1"));
            case "mnli" -> new Layout("sentence1", "sentence2", "gold_label", "dev_matched.tsv",
                    List.of("contradiction", "entailment", "neutral"));
            case "sts-b", "stsb" -> new Layout("sentence1", "sentence2", "score", "dev.tsv", List.of("score"));
            default -> throw new IllegalArgumentException("unknown GLUE task '" + task
                    + "' (known: mrpc, sst-2, rte, qnli, qqp, mnli, sts-b)");
        };
    }

    /** Whether {@code name} is a GLUE task name this reader knows. */
    public static boolean known(String name) {
        try {
            layout(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Loads a task from its GLUE directory (e.g. {@code glue_data/MRPC}). */
    public static ClassificationTask load(String task, Path dir) throws IOException {
        Layout l = layout(task);
        List<TaskExample> train = read(dir.resolve("train.tsv"), l), dev = read(dir.resolve(l.devFile()), l);
        List<String> labels = l.labels();
        if (labels.size() > 1) {
            TreeSet<String> seen = new TreeSet<>();
            for (TaskExample e : train) seen.add(e.label());
            for (TaskExample e : dev) seen.add(e.label());
            if (!labels.containsAll(seen)) {
                throw new IOException(dir + ": labels " + seen + " are not all in the expected " + labels + " of " + task);
            }
        }
        return new ClassificationTask(task.toLowerCase(Locale.ROOT), labels, l.b() != null, train, dev);
    }

    static List<TaskExample> read(Path file, Layout l) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("GLUE file " + file + " not found");
        List<String> lines = new ArrayList<>();
        try (Utf8Lines in = Utf8Lines.open(file)) {
            for (String line; (line = in.next()) != null; ) lines.add(line);
        }
        if (lines.isEmpty()) throw new IOException(file + " is empty");
        List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        int ia = column(header, l.a(), file), ib = l.b() == null ? -1 : column(header, l.b(), file),
                il = column(header, l.label(), file);
        boolean regression = l.labels().size() == 1;
        List<TaskExample> out = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) continue;
            String[] f = line.split("\t", -1);
            int need = Math.max(ia, Math.max(ib, il));
            if (f.length <= need) throw new IOException(file + " line " + (n + 1) + ": " + f.length + " columns, need " + (need + 1));
            String label = f[il].trim();
            if (label.isEmpty()) throw new IOException(file + " line " + (n + 1) + ": empty label in column '" + l.label() + "'");
            double target = Double.NaN;
            if (regression) {
                try {
                    target = Double.parseDouble(label);
                } catch (NumberFormatException e) {
                    throw new IOException(file + " line " + (n + 1) + ": score '" + label + "' is not a number");
                }
            }
            out.add(TaskExample.ofText(f[ia], ib < 0 ? null : f[ib], regression ? null : label, target));
        }
        return out;
    }

    private static int column(List<String> header, String name, Path file) throws IOException {
        int i = header.indexOf(name);
        if (i < 0) throw new IOException(file + ": header has no column '" + name + "' (columns: " + header + ")");
        return i;
    }
}
