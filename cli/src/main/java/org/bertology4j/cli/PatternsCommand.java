package org.bertology4j.cli;

import org.bertology4j.analysis.kovaleva.PatternStudy;
import org.bertology4j.analysis.tasks.DevSample;
import picocli.CommandLine.Command;

import java.nio.file.Path;

/** {@code patterns}: classifies every head's map per example (Kovaleva et al.'s five types); the study is {@link PatternStudy}. */
@Command(name = "patterns", mixinStandardHelpOptions = true,
        description = "Share of vertical / diagonal / vertical+diagonal / block / heterogeneous attention maps per head and task.")
public final class PatternsCommand extends KovalevaCommand {
    @Override
    void run(LoadedModel m, DevSample dev, Path out) throws Exception {
        PatternStudy.Result r = PatternStudy.run(m.model(), m.identity(), dev);
        r.write(out, true);
        int heads = m.model().config().numHiddenLayers() * m.model().config().numAttentionHeads();
        System.out.println("pattern shares over " + r.examples() + " examples x " + heads + " heads: " + r.overallShare());
    }
}
