package org.bertology4j.cli;

import org.bertology4j.analysis.probe.DistanceBaseline;
import org.bertology4j.analysis.probe.ProbeAnalysis;
import org.bertology4j.analysis.probe.ProbeStudy;
import org.bertology4j.analysis.probe.RandomInit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code probe}: Clark et al. section 5, attention-based dependency probes trained one pass on a training
 * treebank and evaluated (UAS, punctuation excluded) on another, with the right-branching and
 * distances + word vectors baselines, for the model and a randomly initialised model of the same shape.
 * Resumable: the checkpoint {@code probe.checkpoint.json} holds the finished phases' results and the probes of the
 * phase in progress (parameters and Adam moments, base64), saved every {@code --checkpoint-seconds} and on Ctrl-C.
 * The study is {@link ProbeStudy}; this command parses its options and draws the bar chart.
 */
@Command(name = "probe", description = "Attention-based dependency probes (Clark et al. 2019, section 5): writes probe.json, "
        + "probe.md and a bar chart into --out.")
public final class ProbeCommand implements Callable<Integer> {
    @Mixin ModelOption modelOption;
    @Mixin OutputDirectory output;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Training CoNLL-U (e.g. GUM train).")
    Path train;

    @Option(names = "--dev", required = true, paramLabel = "FILE", description = "Evaluation CoNLL-U (e.g. GUM dev).")
    Path dev;

    @Option(names = "--train-limit", defaultValue = "-1", paramLabel = "N", description = "First N training sentences only.")
    long trainLimit = -1;

    @Option(names = "--dev-limit", defaultValue = "-1", paramLabel = "N", description = "First N evaluation sentences only.")
    long devLimit = -1;

    @Option(names = "--max-pieces", defaultValue = "128", paramLabel = "N",
            description = "Longest sentence in pieces; longer ones are skipped and counted. Default: ${DEFAULT-VALUE}.")
    int maxPieces = 128;

    @Option(names = "--glove", paramLabel = "FILE", description = "GloVe text file for the word vectors (default: the model's input embeddings averaged over pieces).")
    Path glove;

    @Option(names = "--lr", defaultValue = "0.002", description = "Adam learning rate. Default: ${DEFAULT-VALUE}.")
    double lr = 0.002;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random-init model and of the distance network's "
            + "initial weights. Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Option(names = "--no-random", description = "Skip the random-init model.")
    boolean noRandom;

    @Option(names = "--no-pretrained", description = "Skip probing the model itself (its rows are left out): only the "
            + "baselines and the random-init model, e.g. to re-run a baseline.")
    boolean noPretrained;

    @Option(names = "--random-init", paramLabel = "VARIANT", defaultValue = "pretrained-embeddings",
            description = "The random-init model: pretrained-embeddings (the paper's: pre-trained word, position and segment "
                    + "embeddings, encoder initialised as in BERT's pre-training) or all-random (every weight random, "
                    + "embeddings included; the earlier baseline). Default: ${DEFAULT-VALUE}.")
    String randomInit = "pretrained-embeddings";

    @Option(names = "--distance-baseline", paramLabel = "VARIANT", defaultValue = "hidden-layer",
            description = "The distances + word vectors baseline: hidden-layer (the paper's one-hidden-layer network over "
                    + "both words' vectors and distance features) or log-linear (offset indicators with word-conditioned "
                    + "weights; the earlier baseline). Default: ${DEFAULT-VALUE}.")
    String distanceBaseline = "hidden-layer";

    @Option(names = "--checkpoint-seconds", paramLabel = "S", defaultValue = "120",
            description = "Seconds between checkpoints (probe states, ~40 MB). Default: ${DEFAULT-VALUE}.")
    int checkpointSeconds = 120;

    @Option(names = "--stop-after", paramLabel = "N", defaultValue = "-1", hidden = true,
            description = "Stop (with a checkpoint) after N training sentences in total, as Ctrl-C would (tests).")
    long stopAfter = -1;

    @Override
    public Integer call() throws IOException {
        LoadedModel m = LoadedModel.open(modelOption);
        ProbeStudy.Options options = ProbeStudy.Options.of(train, dev).withTrainLimit(trainLimit).withDevLimit(devLimit)
                .withMaxPieces(maxPieces).withGlove(glove).withLearningRate(lr).withSeed(seed).withRandom(!noRandom).withPretrained(!noPretrained)
                .withRandomInit(RandomInit.of(randomInit)).withDistanceBaseline(DistanceBaseline.of(distanceBaseline))
                .withCheckpointInterval(Duration.ofSeconds(checkpointSeconds)).withStopAfter(stopAfter);
        ProbeStudy.Result r = new ProbeStudy(m.model(), m.tokenizer(), m.identity(), modelOption.name(), options)
                .withProgress(CorpusProgress.listener()).run(output.out);
        r.write(output.out);
        ClarkPlots.bars(output.out.resolve("probe.png"), "Probe UAS on " + dev.getFileName(), "UAS", new ArrayList<>(r.uas().keySet()),
                Map.of("UAS", r.uas().values().stream().mapToDouble(ProbeAnalysis.Uas::value).toArray()));
        System.out.println("wrote " + output.out.resolve("probe.json") + ", probe.md, probe.png");
        return 0;
    }
}
