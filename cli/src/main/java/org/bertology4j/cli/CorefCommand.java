package org.bertology4j.cli;

import org.bertology4j.analysis.coref.CorefStudy;
import org.bertology4j.distributed.CorpusAnalyses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code coref}: Clark et al. 4.3, attention heads as coreference resolvers, on CorefUD-style CoNLL-U ({@link CorefStudy}). */
@Command(name = "coref", description = "Attention heads as coreference resolvers (Clark et al. 2019, 4.3): "
        + "writes coref.json, coref.md (Table 2 layout) and a per-head heatmap into --out; resumable by documents.")
public final class CorefCommand implements Callable<Integer> {
    @Mixin
    CorpusOptions corpus;

    @Override
    public Integer call() throws IOException {
        corpus.prepare(128);
        var job = corpus.job(CorpusAnalyses.coref());
        CorpusOptions.print(CorefStudy.write(corpus.run(job), corpus.out, !corpus.noPlots));
        return 0;
    }
}
