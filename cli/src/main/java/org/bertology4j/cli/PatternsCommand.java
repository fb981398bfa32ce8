package org.bertology4j.cli;

import org.bertology4j.analysis.kovaleva.PatternStudy;
import org.bertology4j.analysis.tasks.DevSample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code patterns}: classifies every head's map per example (Kovaleva et al.'s five types); the study is {@link PatternStudy}. */
@Command(name = "patterns", mixinStandardHelpOptions = true,
        description = "Share of vertical / diagonal / vertical+diagonal / block / heterogeneous attention maps per head and task.")
public final class PatternsCommand extends KovalevaCommand {
    @Option(names = "--sensitivity", description = "Also the class shares under the rule's thresholds varied (strong 0.4-0.6, "
            + "weak 0.1-0.3), from the same pass: patterns-sensitivity.json.")
    boolean sensitivity;

    @Override
    void run(LoadedModel m, DevSample dev, Path out) throws Exception {
        if (sensitivity) {
            var shares = PatternStudy.sensitivity(m.model(), dev, PatternStudy.thresholdGrid());
            PatternStudy.writeSensitivity(out, m.identity(), dev, shares);
            shares.forEach((rule, v) -> System.out.printf("strong %.1f weak %.1f: heterogeneous %.3f, vertical %.3f%n", rule.strong(),
                    rule.weak(), v.get(org.bertology4j.analysis.kovaleva.PatternClass.HETEROGENEOUS),
                    v.get(org.bertology4j.analysis.kovaleva.PatternClass.VERTICAL)));
        }
        PatternStudy.Result r = PatternStudy.run(m.model(), m.identity(), dev);
        r.write(out, true);
        int heads = m.model().config().numHiddenLayers() * m.model().config().numAttentionHeads();
        System.out.println("pattern shares over " + r.examples() + " examples x " + heads + " heads: " + r.overallShare());
    }
}
