package org.bertology4j.cli;

import org.bertology4j.analysis.kovaleva.PatternStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code patterns}: classifies every head's map per example (Kovaleva et al.'s five types); the study is {@link PatternStudy}. */
@Command(name = "patterns", mixinStandardHelpOptions = true,
        description = "Share of vertical / diagonal / vertical+diagonal / block / heterogeneous attention maps per head and task.")
public final class PatternsCommand implements Callable<Integer> {
    @Mixin ModelOption modelOption;
    @Mixin KovalevaTaskOptions taskOptions;

    @Override
    public Integer call() throws Exception {
        LoadedModel m = LoadedModel.open(modelOption);
        PatternStudy.Result r = PatternStudy.run(m.model(), m.identity(), taskOptions.dev(m.tokenizer()));
        r.write(taskOptions.out);
        HeadGrids.write(taskOptions.out.resolve("patterns.png"), r.figureTitles(), List.copyOf(r.perHeadShare().values()), false, 3);
        int heads = m.model().config().numHiddenLayers() * m.model().config().numAttentionHeads();
        System.out.println("pattern shares over " + r.examples() + " examples x " + heads + " heads: " + r.overallShare());
        return 0;
    }
}
