package org.bertology4j.cli;

import org.bertology4j.analysis.kovaleva.AttentionRunner;
import org.bertology4j.analysis.kovaleva.SpecialTokens;
import org.bertology4j.analysis.kovaleva.TokenClass;
import org.bertology4j.analysis.kovaleva.TokenClassAttention;
import org.bertology4j.analysis.tasks.ClassificationTask;
import org.bertology4j.analysis.tasks.TaskEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code token-classes}: per-head attention to nouns, verbs, pronouns, subjects, objects, negation, [CLS], [SEP]. */
@Command(name = "token-classes", mixinStandardHelpOptions = true,
        description = "Per-head attention to token classes (UPOS / relations from GUM's CoNLL-U), normalized by length (1 = uniform).")
public final class TokenClassesCommand implements Callable<Integer> {
    @Mixin ModelOption modelOption;
    @Mixin KovalevaTaskOptions taskOptions;

    @Override
    public Integer call() throws Exception {
        LoadedModel m = LoadedModel.open(modelOption);
        ClassificationTask t = taskOptions.task();
        if (!t.name().startsWith("gum-")) throw new IllegalArgumentException("token classes need a GUM task (gum-genre or gum-next): they come from CoNLL-U");
        TaskEncoder.Encoded dev = taskOptions.dev(t, m.tokenizer());
        int layers = m.model().config().numHiddenLayers(), heads = m.model().config().numAttentionHeads();
        TokenClassAttention acc = new TokenClassAttention(layers, heads);
        AttentionRunner.run(m.model(), dev.examples(), 16, (i, maps) -> acc.add(maps,
                TokenClassAttention.memberships(dev.encodings().get(i), dev.sources().get(i), SpecialTokens.of(dev.examples().get(i)))));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", m.identity());
        report.put("task", t.name());
        report.put("definition", "per example: sum over rows i of max_{j in class} A[i][j] (= n x mean over rows); "
                + "1 = uniform attention; per head: mean over examples containing the class");
        Map<String, Object> classes = new LinkedHashMap<>();
        List<String> titles = new ArrayList<>();
        List<double[][]> grids = new ArrayList<>();
        for (TokenClass c : TokenClass.values()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("examples", acc.examples(c));
            e.put("per_head", acc.scores(c));
            classes.put(c.name(), e);
            titles.add(c.name().toLowerCase() + " (" + acc.examples(c) + " ex.)");
            grids.add(acc.scores(c));
        }
        report.put("classes", classes);
        Files.createDirectories(taskOptions.out);
        Json.write(taskOptions.out.resolve("token-classes.json"), report);
        HeadGrids.write(taskOptions.out.resolve("token-classes.png"), titles, grids, false, 4);
        System.out.println("token-class attention written to " + taskOptions.out);
        return 0;
    }
}
