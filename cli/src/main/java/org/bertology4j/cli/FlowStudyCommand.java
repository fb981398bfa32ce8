package org.bertology4j.cli;

import org.bertology4j.analysis.flow.EngineFlowSource;
import org.bertology4j.analysis.flow.FlowAccumulator;
import org.bertology4j.analysis.flow.FlowResults;
import org.bertology4j.analysis.flow.SentenceSample;
import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.corpus.CorpusRunner;
import org.bertology4j.distributed.CorpusAnalyses;
import org.bertology4j.distributed.CorpusJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The information-flow study (A_n, G_n, G*_n) on a CoNLL-U treebank. The three commands run the same resumable
 * pass (one checkpoint, {@code flow.checkpoint.json}, shared by all three in one --out directory) and write the full
 * report {@code flow.json}, their own part {@code flow-<part>.json} and all figures ({@link FlowResults}).
 */
public abstract class FlowStudyCommand extends CorpusCommand<FlowAccumulator> {
    @Option(names = "--every", paramLabel = "K", defaultValue = "1",
            description = "Sampled mode: analyse every K-th sentence (a systematic sample across all documents). Default: all.")
    int every = 1;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "-1",
            description = "Analyse a seeded random sample of N sentences (the study's 500 random GUM dev sentences), drawn "
                    + "among those within --max-pieces and analysed in random order, so a run stopped early holds a random "
                    + "sample too. Not with --every.")
    int sample = -1;

    @Option(names = "--sample-seed", paramLabel = "S", defaultValue = "1", description = "Seed of --sample. Default: ${DEFAULT-VALUE}.")
    long sampleSeed = 1;

    @Option(names = "--measure", defaultValue = "ones", description = "G and G* as the 2-norm of one vector-Jacobian "
            + "product with a ones cotangent (ones, default; methods.md: our reading of the study's \"magnitude (2-norm) of "
            + "the gradient\" of a vector, which the study does not define further) or as the exact Frobenius norm of the "
            + "Jacobian block (frobenius; hidden-size times more expensive).")
    String measure = "ones";

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the balanced coreference subsample. Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Option(names = "--time-limit", paramLabel = "MIN", defaultValue = "-1",
            description = "Stop after about MIN minutes at a sentence boundary, write the results so far marked partial "
                    + "(with their n) and keep the checkpoint: the same command continues the run.")
    double timeLimitMinutes = -1;

    /** The part of the report this command is named after: coref, pos or deps. */
    abstract String part();

    FlowStudyCommand() { super(128); }

    @Override
    CorpusJob<FlowAccumulator> job() throws IOException {
        EngineFlowSource.measure(measure); // fail fast on an unknown name
        if (sample > 0 && every != 1) throw new IllegalArgumentException("--sample and --every cannot be combined");
        if (sample > 0 && corpus.limit > 0) throw new IllegalArgumentException("--sample and --limit cannot be combined (use --time-limit to run in chunks)");
        // --limit counts sampled sentences; the job's limit counts corpus sentences: the L-th sampled one is (L-1)*K.
        long corpusLimit = corpus.limit < 0 ? -1 : (corpus.limit - 1) * every + 1;
        CorpusJob<FlowAccumulator> job = corpus.job(CorpusAnalyses.flow(), corpusLimit).withOption("every", every).withOption("measure", measure);
        if (sample > 0) job = CorpusAnalyses.flowSample(job, drawSample());
        return job;
    }

    /** The --sample among the sentences within --max-pieces (those the run does not skip). */
    private SentenceSample drawSample() throws IOException {
        BertTokenizer tokenizer = BertTokenizer.fromModelDirectory(corpus.model.open().path());
        try (ConlluReader reader = ConlluReader.open(corpus.input.conllu, corpus.lenient)) {
            return SentenceSample.draw(reader, sample, sampleSeed, EngineFlowSource.fitting(tokenizer, corpus.maxPieces));
        }
    }

    @Override
    java.time.Duration timeLimit() { return CorpusOptions.minutes(timeLimitMinutes); }

    @Override
    List<Path> write(CorpusRunner.Result<FlowAccumulator> r, Path out, boolean plots) throws IOException {
        return FlowResults.write(r, out, plots, part(), seed, corpus.input.conllu.toString());
    }

    @Override
    void finish(CorpusRunner.Result<FlowAccumulator> r) { System.err.print(FlowResults.note(r)); }

    /** {@code flow-coref}: noun-pronoun pairs, coreferent vs not (the study's Figure 1). */
    @Command(name = "flow-coref", description = "Information flow (A, G, G*) between nouns and later pronouns, coreferent "
            + "vs not, per layer with Welch's t (writes flow.json, flow-coref.json, figures; resumable).")
    public static final class Coref extends FlowStudyCommand {
        @Override String part() { return "coref"; }
    }

    /** {@code flow-pos}: importance of open vs closed class words (Figure 2). */
    @Command(name = "flow-pos", description = "Importance (flow sent) of open vs closed class words per layer with "
            + "Welch's t and per part of speech (writes flow.json, flow-pos.json, figures; resumable).")
    public static final class Pos extends FlowStudyCommand {
        @Override String part() { return "pos"; }
    }

    /** {@code flow-deps}: correlation of flow with dependency-tree distance. */
    @Command(name = "flow-deps", description = "Pearson r between word-level flow and gold dependency-tree distance vs a "
            + "right-branching tree, and attention-gradient correlation (writes flow.json, flow-deps.json, figures; resumable).")
    public static final class Deps extends FlowStudyCommand {
        @Override String part() { return "deps"; }
    }
}
