package org.bertology4j.analysis.heads;

import org.bertology4j.corpus.CorpusRunner;
import org.bertology4j.corpus.ProgressListener;
import org.bertology4j.distributed.AnalysisModel;
import org.bertology4j.distributed.CorpusAnalyses;
import org.bertology4j.distributed.CorpusJob;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Clark et al. 4.2, every attention head as a dependency parser, callable from Java:
 *
 * <pre>{@code
 * AnalysisModel model = AnalysisModel.load(Path.of("bert-base-uncased"));
 * CorpusRunner.Result<HeadsAccumulator> r = HeadsStudy.run(Path.of("en_gum-ud-dev.conllu"), model, ProgressListener.NONE);
 * HeadsResult heads = r.accumulator().result();       // per-head, per-relation accuracies
 * HeadsStudy.write(r, Path.of("out"), true);           // heads.json, heads.md, figures
 * }</pre>
 *
 * For resuming, limits, other options or Spark, build the job ({@link CorpusJob#of}, {@link CorpusAnalyses#heads()})
 * and run it with {@link CorpusRunner}.
 */
public final class HeadsStudy {
    private HeadsStudy() {}

    /** Runs the study on a whole CoNLL-U file in this process, with the defaults of the command line. */
    public static CorpusRunner.Result<HeadsAccumulator> run(Path conllu, AnalysisModel model, ProgressListener progress) throws IOException {
        return CorpusRunner.run(CorpusJob.of(CorpusAnalyses.heads(), conllu, model.directory()), model,
                CorpusRunner.Options.defaults().progress(progress));
    }

    /** Writes the result files of a run ({@link HeadsResult#write}) with its run note. */
    public static List<Path> write(CorpusRunner.Result<HeadsAccumulator> r, Path out, boolean plots) throws IOException {
        return r.accumulator().result().write(out, plots, note(r));
    }

    /** The run note of heads.md: model, input, malformed sentences and time (or the distributed run). */
    public static String note(CorpusRunner.Result<HeadsAccumulator> r) {
        HeadsAccumulator acc = r.accumulator();
        if (r.distributed()) return r.distributedNote(acc.sentences() + acc.skipped() + " sentences");
        return String.format(Locale.ROOT, "Model: %s. Input: %s. Malformed sentences skipped: %d. Run time this session: %.0f s, "
                        + "of which batched forward passes %.0f s (%.0f%%; %d sequences, padding efficiency %.2f).%n",
                r.model(), r.job().corpus(), r.malformed(), r.seconds(), r.engine().seconds(), r.enginePercent(),
                r.engine().sequences(), r.engine().paddingEfficiency());
    }
}
