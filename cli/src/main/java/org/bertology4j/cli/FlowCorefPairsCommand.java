package org.bertology4j.cli;

import org.bertology4j.analysis.flow.CorefPairStudy;
import org.bertology4j.distributed.AnalysisModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code flow-coref-pairs}: the coreference part of the flow study at the study's design ({@link CorefPairStudy}):
 * one noun → pronoun pair per sentence, N coreferent and N other, drawn with a seed from the --conllu files in order
 * (GUM dev, then train as needed); resumable in --out, and in chunks with --time-limit.
 */
@Command(name = "flow-coref-pairs", description = "Information flow (A, G, G*) from a noun into a later pronoun on a balanced "
        + "seeded sample of one pair per sentence, N coreferent and N not, drawn from the --conllu files in order (e.g. GUM "
        + "dev, then train); Welch's t per layer and pooled (writes flow-coref-pairs.json, the sample as TSV, figures; resumable).")
public final class FlowCorefPairsCommand implements Callable<Integer> {
    @Mixin ModelOption modelOption;
    @Mixin OutputDirectory output;

    @Option(names = "--conllu", required = true, paramLabel = "FILE",
            description = "CoNLL-U file with GUM coreference (Entity= in MISC); repeat it: pairs are drawn from the first file "
                    + "until it runs out, then from the next (e.g. dev, then train).")
    List<Path> conllu;

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "250", description = "Coreferent pairs, and other pairs, to "
            + "draw (one per sentence). Default: ${DEFAULT-VALUE} (the study: 500 sentences, half coreferent).")
    int pairs = 250;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the sample. Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Option(names = "--measure", defaultValue = "ones", description = "G and G* as the 2-norm of a ones-cotangent "
            + "vector-Jacobian product (ones, default; methods.md) or the exact Frobenius norm of the Jacobian block (frobenius).")
    String measure = "ones";

    @Option(names = "--max-pieces", defaultValue = "128", paramLabel = "N",
            description = "Longest sentence in word pieces; longer ones are not drawn. Default: ${DEFAULT-VALUE}.")
    int maxPieces = 128;

    @Option(names = "--checkpoint-seconds", paramLabel = "S", defaultValue = "60", description = "Seconds between checkpoints. Default: ${DEFAULT-VALUE}.")
    int checkpointSeconds = 60;

    @Option(names = "--time-limit", paramLabel = "MIN", defaultValue = "-1",
            description = "Stop after about MIN minutes at a pair boundary and write the results so far, marked partial (the "
                    + "pairs run in alternating order, so they stay balanced); the same command continues the run.")
    double timeLimitMinutes = -1;

    @Option(names = "--no-plots", description = "Skip the figures.")
    boolean noPlots;

    @Override
    public Integer call() throws IOException {
        CorefPairStudy.Options options = CorefPairStudy.Options.of(conllu, pairs, seed).withMeasure(measure).withMaxPieces(maxPieces)
                .withCheckpointInterval(Duration.ofSeconds(checkpointSeconds)).withTimeLimit(CorpusOptions.minutes(timeLimitMinutes));
        LoadedModel m = LoadedModel.open(modelOption);
        CorefPairStudy.Result r = new CorefPairStudy(new AnalysisModel(m.directory().path(), m.model(), m.tokenizer()), options)
                .withProgress(CorpusProgress.listener()).run(output.out);
        CorpusOptions.print(r.write(output.out, !noPlots));
        System.err.print(r.note());
        return 0;
    }
}
