package org.bertology4j.cli;

import org.bertology4j.analysis.heads.HeadsStudy;
import org.bertology4j.distributed.CorpusAnalyses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code heads}: Clark et al. 4.2, every attention head as a dependency parser, on a CoNLL-U treebank ({@link HeadsStudy}). */
@Command(name = "heads", description = "Single attention heads as dependency parsers (Clark et al. 2019, 4.2): "
        + "writes heads.json, heads.md (Table 1 layout) and PNG figures into --out; resumable.")
public final class HeadsCommand implements Callable<Integer> {
    @Mixin
    CorpusOptions corpus;

    @Option(names = "--block", paramLabel = "N", defaultValue = "64",
            description = "Sentences read ahead and sent to the engine together (sorted by length into batches). Default: ${DEFAULT-VALUE}.")
    int block = 64;

    @Option(names = "--token-budget", paramLabel = "N", defaultValue = "2048",
            description = "Largest batch size x padded length of one forward pass. Default: ${DEFAULT-VALUE}.")
    int tokenBudget = 2048;

    @Override
    public Integer call() throws IOException {
        corpus.prepare(512);
        var job = corpus.job(CorpusAnalyses.heads()).withOption("block", block)
                .withOption("token-budget", tokenBudget);
        CorpusOptions.print(HeadsStudy.write(corpus.run(job), corpus.out, !corpus.noPlots));
        return 0;
    }
}
