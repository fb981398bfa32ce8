package org.bertology4j.cli;

import org.bertology4j.analysis.kovaleva.TokenClassStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code token-classes}: per-head attention to nouns, verbs, pronouns, subjects, objects, negation, [CLS], [SEP];
 * the study is {@link TokenClassStudy}.
 */
@Command(name = "token-classes", mixinStandardHelpOptions = true,
        description = "Per-head attention to token classes (UPOS / relations from GUM's CoNLL-U), normalized by length (1 = uniform).")
public final class TokenClassesCommand implements Callable<Integer> {
    @Mixin ModelOption modelOption;
    @Mixin KovalevaTaskOptions taskOptions;

    @Override
    public Integer call() throws Exception {
        LoadedModel m = LoadedModel.open(modelOption);
        TokenClassStudy.Result r = TokenClassStudy.run(m.model(), m.identity(), taskOptions.dev(m.tokenizer()));
        r.write(taskOptions.out);
        HeadGrids.write(taskOptions.out.resolve("token-classes.png"), r.figureTitles(), List.copyOf(r.scores().values()), false, 4);
        System.out.println("token-class attention written to " + taskOptions.out);
        return 0;
    }
}
