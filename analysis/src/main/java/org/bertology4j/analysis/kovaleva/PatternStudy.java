package org.bertology4j.analysis.kovaleva;

import org.bertology4j.analysis.tasks.DevSample;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.train.TrainingExample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kovaleva et al.'s attention patterns: every head's map on every dev example classified as vertical, diagonal,
 * vertical + diagonal, block or heterogeneous ({@link PatternRule}), shares per head and overall.
 *
 * <pre>{@code
 * DevSample dev = DevSample.of(Tasks.load("gum-next", gumDir, null, 42), tokenizer, 200, 128, 42);
 * PatternStudy.Result r = PatternStudy.run(model, "bert-base-uncased", dev);
 * double vertical = r.overallShare().get(PatternClass.VERTICAL);
 * r.write(out); // patterns.json
 * }</pre>
 */
public final class PatternStudy {
    private PatternStudy() {}

    /**
     * The study's outcome.
     *
     * @param modelIdentity the model's identity
     * @param task          the task's name
     * @param examples      examples classified
     * @param rule          the decision rule
     * @param overallShare  share of all (example, head) maps per class
     * @param perHeadShare  [layer][head] share of examples per class
     * @param dominant      [layer][head] the class each head shows most often
     */
    public record Result(String modelIdentity, String task, long examples, PatternRule rule, Map<PatternClass, Double> overallShare,
                         Map<PatternClass, double[][]> perHeadShare, PatternClass[][] dominant) {
        /** The patterns.json content. */
        public Map<String, Object> toJson() {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("model", modelIdentity);
            report.put("task", task);
            report.put("examples", examples);
            report.put("rule", rule);
            Map<String, Double> overall = new LinkedHashMap<>();
            overallShare.forEach((c, v) -> overall.put(c.name(), v));
            Map<String, double[][]> perHead = new LinkedHashMap<>();
            perHeadShare.forEach((c, v) -> perHead.put(c.name(), v));
            report.put("overall_share", overall);
            report.put("per_head_share", perHead);
            String[][] names = new String[dominant.length][];
            for (int l = 0; l < dominant.length; l++) {
                names[l] = new String[dominant[l].length];
                for (int h = 0; h < names[l].length; h++) names[l][h] = dominant[l][h].name();
            }
            report.put("dominant_class", names);
            return report;
        }

        /** Writes {@code patterns.json} and, with {@code plots}, the per-class shares ({@code patterns.png}) into {@code dir}; returns the files. */
        public List<Path> write(Path dir, boolean plots) throws IOException {
            return StudyFiles.jsonAndGrid(dir, "patterns", toJson(), plots, figureTitles(), List.copyOf(perHeadShare.values()), false, 3);
        }

        /** Titles of the per-class figure panels ("vertical (12%)"...), in class order. */
        public List<String> figureTitles() {
            return overallShare.entrySet().stream().map(e -> e.getKey().name().toLowerCase(Locale.ROOT).replace('_', '+')
                    + String.format(" (%.0f%%)", 100 * e.getValue())).toList();
        }
    }

    /**
     * The standard rule's thresholds varied: strong in {0.4, 0.5, 0.6}, weak in {0.1, 0.2, 0.3}, block share 0.8
     * (how much the class shares depend on the thresholds chosen here).
     */
    public static List<PatternRule> thresholdGrid() {
        List<PatternRule> out = new java.util.ArrayList<>();
        for (double strong : new double[]{0.4, 0.5, 0.6}) {
            for (double weak : new double[]{0.1, 0.2, 0.3}) out.add(new PatternRule(strong, weak, 0.8));
        }
        return out;
    }

    /**
     * The overall class shares under each rule, from one pass over the examples: the shares' sensitivity to the
     * thresholds.
     */
    public static Map<PatternRule, Map<PatternClass, Double>> sensitivity(BertModel model, DevSample dev, List<PatternRule> rules) {
        List<TrainingExample> ex = dev.examples();
        int layers = model.config().numHiddenLayers(), heads = model.config().numAttentionHeads();
        List<PatternsAccumulator> acc = rules.stream().map(r -> new PatternsAccumulator(layers, heads, r)).toList();
        AttentionRunner.run(model, ex, 16, (i, maps) -> {
            for (PatternsAccumulator a : acc) a.add(maps, SpecialTokens.of(ex.get(i)), ex.get(i).segmentIds());
        });
        Map<PatternRule, Map<PatternClass, Double>> out = new LinkedHashMap<>();
        for (int k = 0; k < rules.size(); k++) {
            Map<PatternClass, Double> shares = new LinkedHashMap<>();
            for (PatternClass c : PatternClass.values()) shares.put(c, acc.get(k).overallShare(c));
            out.put(rules.get(k), shares);
        }
        return out;
    }

    /** Writes {@code patterns-sensitivity.json} (one entry per rule: thresholds and shares) into {@code dir}; returns it. */
    public static Path writeSensitivity(Path dir, String modelIdentity, DevSample dev, Map<PatternRule, Map<PatternClass, Double>> shares)
            throws IOException {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        shares.forEach((rule, v) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rule", rule);
            Map<String, Double> named = new LinkedHashMap<>();
            v.forEach((c, x) -> named.put(c.name(), x));
            row.put("overall_share", named);
            rows.add(row);
        });
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", modelIdentity);
        report.put("task", dev.task().name());
        report.put("examples", dev.examples().size());
        report.put("rules", rows);
        return StudyFiles.json(dir, "patterns-sensitivity.json", report).get(0);
    }

    /** The study with the standard thresholds ({@link PatternRule#standard()}). */
    public static Result run(BertModel model, String modelIdentity, DevSample dev) {
        return run(model, modelIdentity, dev, PatternRule.standard());
    }

    /** The study with the given decision rule. */
    public static Result run(BertModel model, String modelIdentity, DevSample dev, PatternRule rule) {
        List<TrainingExample> ex = dev.examples();
        int layers = model.config().numHiddenLayers(), heads = model.config().numAttentionHeads();
        PatternsAccumulator acc = new PatternsAccumulator(layers, heads, rule);
        AttentionRunner.run(model, ex, 16, (i, maps) -> acc.add(maps, SpecialTokens.of(ex.get(i)), ex.get(i).segmentIds()));
        Map<PatternClass, Double> overall = new LinkedHashMap<>();
        Map<PatternClass, double[][]> perHead = new LinkedHashMap<>();
        for (PatternClass c : PatternClass.values()) {
            overall.put(c, acc.overallShare(c));
            perHead.put(c, acc.shares(c));
        }
        PatternClass[][] dominant = new PatternClass[layers][heads];
        for (int l = 0; l < layers; l++) for (int h = 0; h < heads; h++) dominant[l][h] = acc.dominant(l, h);
        return new Result(modelIdentity, dev.task().name(), acc.examples(), rule, overall, perHead, dominant);
    }
}
