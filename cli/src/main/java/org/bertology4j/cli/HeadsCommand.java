package org.bertology4j.cli;

import org.bertology4j.analysis.heads.HeadsAccumulator;
import org.bertology4j.analysis.heads.HeadsStudy;
import org.bertology4j.corpus.CorpusRunner;
import org.bertology4j.distributed.CorpusAnalyses;
import org.bertology4j.distributed.CorpusJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code heads}: Clark et al. 4.2, every attention head as a dependency parser, on a CoNLL-U treebank ({@link HeadsStudy}). */
@Command(name = "heads", description = "Single attention heads as dependency parsers (Clark et al. 2019, 4.2): "
        + "writes heads.json, heads.md (Table 1 layout) and PNG figures into --out; resumable.")
public final class HeadsCommand extends CorpusCommand<HeadsAccumulator> {
    @Option(names = "--block", paramLabel = "N", defaultValue = "64",
            description = "Sentences read ahead and sent to the engine together (sorted by length into batches). Default: ${DEFAULT-VALUE}.")
    int block = 64;

    @Option(names = "--token-budget", paramLabel = "N", defaultValue = "2048",
            description = "Largest batch size x padded length of one forward pass. Default: ${DEFAULT-VALUE}.")
    int tokenBudget = 2048;

    public HeadsCommand() { super(512); }

    @Override
    CorpusJob<HeadsAccumulator> job() {
        return corpus.job(CorpusAnalyses.heads()).withOption("block", block).withOption("token-budget", tokenBudget);
    }

    @Override
    List<Path> write(CorpusRunner.Result<HeadsAccumulator> r, Path out, boolean plots) throws IOException {
        return HeadsStudy.write(r, out, plots);
    }
}
