package org.bertology4j.cli;

import org.bertology4j.analysis.kovaleva.AttentionRunner;
import org.bertology4j.analysis.kovaleva.PatternClass;
import org.bertology4j.analysis.kovaleva.PatternRule;
import org.bertology4j.analysis.kovaleva.PatternsAccumulator;
import org.bertology4j.analysis.kovaleva.SpecialTokens;
import org.bertology4j.analysis.tasks.ClassificationTask;
import org.bertology4j.analysis.tasks.TaskEncoder;
import org.bertology4j.core.train.TrainingExample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code patterns}: classifies every head's map per example (Kovaleva et al.'s five types). */
@Command(name = "patterns", mixinStandardHelpOptions = true,
        description = "Share of vertical / diagonal / vertical+diagonal / block / heterogeneous attention maps per head and task.")
public final class PatternsCommand implements Callable<Integer> {
    @Mixin ModelOption modelOption;
    @Mixin KovalevaTaskOptions taskOptions;

    @Override
    public Integer call() throws Exception {
        LoadedModel m = LoadedModel.open(modelOption);
        ClassificationTask t = taskOptions.task();
        TaskEncoder.Encoded dev = taskOptions.dev(t, m.tokenizer());
        List<TrainingExample> ex = dev.examples();
        PatternRule rule = PatternRule.standard();
        PatternsAccumulator acc = new PatternsAccumulator(m.model().config().numHiddenLayers(),
                m.model().config().numAttentionHeads(), rule);
        AttentionRunner.run(m.model(), ex, 16, (i, maps) -> acc.add(maps, SpecialTokens.of(ex.get(i)), ex.get(i).segmentIds()));
        Files.createDirectories(taskOptions.out);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", m.identity());
        report.put("task", t.name());
        report.put("examples", acc.examples());
        report.put("rule", rule);
        Map<String, Double> overall = new LinkedHashMap<>();
        Map<String, double[][]> perHead = new LinkedHashMap<>();
        List<String> titles = new ArrayList<>();
        List<double[][]> grids = new ArrayList<>();
        for (PatternClass c : PatternClass.values()) {
            overall.put(c.name(), acc.overallShare(c));
            perHead.put(c.name(), acc.shares(c));
            titles.add(c.name().toLowerCase().replace('_', '+') + String.format(" (%.0f%%)", 100 * acc.overallShare(c)));
            grids.add(acc.shares(c));
        }
        report.put("overall_share", overall);
        report.put("per_head_share", perHead);
        int layers = m.model().config().numHiddenLayers(), heads = m.model().config().numAttentionHeads();
        String[][] dominant = new String[layers][heads];
        for (int l = 0; l < layers; l++) for (int h = 0; h < heads; h++) dominant[l][h] = acc.dominant(l, h).name();
        report.put("dominant_class", dominant);
        Json.write(taskOptions.out.resolve("patterns.json"), report);
        HeadGrids.write(taskOptions.out.resolve("patterns.png"), titles, grids, false, 3);
        System.out.println("pattern shares over " + acc.examples() + " examples x " + layers * heads + " heads: " + overall);
        return 0;
    }
}
