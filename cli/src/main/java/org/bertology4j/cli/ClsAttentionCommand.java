package org.bertology4j.cli;

import org.bertology4j.analysis.kovaleva.ClsAttentionStudy;
import org.bertology4j.analysis.kovaleva.ClsTarget;
import org.bertology4j.analysis.tasks.DevSample;
import picocli.CommandLine.Command;

import java.nio.file.Path;

/** {@code cls-attention}: what the [CLS] token attends to in each layer, the output layer first; the study is {@link ClsAttentionStudy}. */
@Command(name = "cls-attention", mixinStandardHelpOptions = true,
        description = "Where [CLS] attends ([CLS], [SEP], punctuation, nouns, pronouns, verbs, other words), per layer and head; "
                + "Kovaleva et al.'s output-layer analysis.")
public final class ClsAttentionCommand extends KovalevaCommand {
    @Override
    void run(LoadedModel m, DevSample dev, Path out) throws Exception {
        ClsAttentionStudy.Result r = ClsAttentionStudy.run(m.model(), m.identity(), dev);
        r.write(out, true);
        int last = r.mass().length - 1;
        StringBuilder s = new StringBuilder("output layer, share of maps whose most attended token is:");
        for (ClsTarget c : ClsTarget.values()) s.append(String.format(" %s %.3f", c, r.argmaxShare()[last][c.ordinal()]));
        System.out.println(s);
    }
}
