package org.bertology4j.cli;

import org.bertology4j.corpus.CorpusRunner;
import org.bertology4j.distributed.CorpusJob;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The frame of the corpus commands ({@code heads}, {@code coref}, {@code surface}, {@code cluster}, {@code flow-*}):
 * check {@link CorpusOptions}, build the study's job, run it ({@link CorpusOptions#run}) and write the result with
 * the study's writer into {@code --out}, listing the files.
 *
 * @param <A> the study's accumulator
 */
abstract class CorpusCommand<A> implements Callable<Integer> {
    @Mixin CorpusOptions corpus;

    private final int defaultMaxPieces;

    /** @param defaultMaxPieces the study's {@code --max-pieces} default */
    CorpusCommand(int defaultMaxPieces) { this.defaultMaxPieces = defaultMaxPieces; }

    @Override
    public final Integer call() throws IOException {
        corpus.prepare(defaultMaxPieces);
        CorpusRunner.Result<A> r = corpus.run(job(), timeLimit());
        CorpusOptions.print(write(r, corpus.out, !corpus.noPlots));
        finish(r);
        return 0;
    }

    /** The study's job with this command's options (after {@link CorpusOptions#prepare}). */
    abstract CorpusJob<A> job() throws IOException;

    /** Writes the study's files into {@code out}; returns them. */
    abstract List<Path> write(CorpusRunner.Result<A> r, Path out, boolean plots) throws IOException;

    /** Stop after this long with partial results (null, the default: run to the end). */
    java.time.Duration timeLimit() { return null; }

    /** Anything to report after the files (nothing by default). */
    void finish(CorpusRunner.Result<A> r) {}
}
