package org.bertology4j.cli;

import org.bertology4j.analysis.kovaleva.TokenClassStudy;
import org.bertology4j.analysis.tasks.DevSample;
import picocli.CommandLine.Command;

import java.nio.file.Path;

/**
 * {@code token-classes}: per-head attention to nouns, verbs, pronouns, subjects, objects, negation, [CLS], [SEP];
 * the study is {@link TokenClassStudy}.
 */
@Command(name = "token-classes", mixinStandardHelpOptions = true,
        description = "Per-head attention to token classes (UPOS / relations from GUM's CoNLL-U), normalized by length (1 = uniform).")
public final class TokenClassesCommand extends KovalevaCommand {
    @Override
    void run(LoadedModel m, DevSample dev, Path out) throws Exception {
        TokenClassStudy.run(m.model(), m.identity(), dev).write(out, true);
        System.out.println("token-class attention written to " + out);
    }
}
