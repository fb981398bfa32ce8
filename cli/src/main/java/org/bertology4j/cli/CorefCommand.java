package org.bertology4j.cli;

import org.bertology4j.analysis.coref.CorefAccumulator;
import org.bertology4j.analysis.coref.CorefStudy;
import org.bertology4j.corpus.CorpusRunner;
import org.bertology4j.distributed.CorpusAnalyses;
import org.bertology4j.distributed.CorpusJob;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code coref}: Clark et al. 4.3, attention heads as coreference resolvers, on CorefUD-style CoNLL-U ({@link CorefStudy}). */
@Command(name = "coref", description = "Attention heads as coreference resolvers (Clark et al. 2019, 4.3): "
        + "writes coref.json, coref.md (Table 2 layout) and a per-head heatmap into --out; resumable by documents.")
public final class CorefCommand extends CorpusCommand<CorefAccumulator> {
    public CorefCommand() { super(128); }

    @Override
    CorpusJob<CorefAccumulator> job() { return corpus.job(CorpusAnalyses.coref()); }

    @Override
    List<Path> write(CorpusRunner.Result<CorefAccumulator> r, Path out, boolean plots) throws IOException {
        return CorefStudy.write(r, out, plots);
    }
}
