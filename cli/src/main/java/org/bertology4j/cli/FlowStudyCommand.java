package org.bertology4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.analysis.flow.EngineFlowSource;
import org.bertology4j.analysis.flow.FlowAccumulator;
import org.bertology4j.analysis.flow.FlowMaps;
import org.bertology4j.analysis.flow.FlowPlots;
import org.bertology4j.analysis.flow.FlowReport;
import org.bertology4j.corpus.Checkpoint;
import org.bertology4j.corpus.ConlluCounts;
import org.bertology4j.corpus.CorpusRun;
import org.bertology4j.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The information-flow study (A_n, G_n, G*_n) on a CoNLL-U treebank. The three commands run the same resumable
 * pass (one checkpoint, {@code flow.checkpoint.json}, shared by all three in one --out directory) and write the full
 * report {@code flow.json}, their own part {@code flow-<part>.json} and all figures.
 */
public abstract class FlowStudyCommand implements Callable<Integer> {
    @Mixin
    ModelOption modelOption;

    @Mixin
    CorpusOptions corpus;

    @Option(names = "--every", paramLabel = "K", defaultValue = "1",
            description = "Sampled mode: analyse every K-th sentence (a systematic sample across all documents). Default: all.")
    int every = 1;

    @Option(names = "--measure", defaultValue = "ones", description = "G as the 2-norm of a ones-cotangent VJP "
            + "(ones, the study's definition, default) or the exact Frobenius norm of the Jacobian block (frobenius; "
            + "hidden-size times more expensive).")
    String measure = "ones";

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the balanced coreference sample. Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    /** The part of the report this command is named after: coref, pos or deps. */
    abstract String part();

    @Mixin
    SparkOption spark;

    @Override
    public Integer call() throws IOException {
        corpus.prepare(128);
        if (every < 1) throw new IllegalArgumentException("--every must be at least 1 (got " + every + ")");
        EngineFlowSource.measure(measure); // fail fast on an unknown name
        if (spark.enabled()) {
            // A --limit counts sampled sentences here; through Spark it counts corpus sentences: the L-th sampled
            // sentence is corpus sentence (L-1)*K.
            long corpusLimit = corpus.limit < 0 ? -1 : (corpus.limit - 1) * every + 1;
            SparkRuns.Flow r = SparkRuns.flow(modelOption, corpus, corpusLimit, every, measure, spark);
            write(r.accumulator(), r.identity(), r.note());
            return 0;
        }
        long t0 = System.nanoTime();
        LoadedModel model = LoadedModel.open(modelOption);
        ObjectNode identity = corpus.identity("flow", model.identity());
        identity.put("every", every);
        identity.put("measure", measure);
        Checkpoint cp = new Checkpoint(corpus.out.resolve("flow.checkpoint.json"), identity);
        int layers = model.model().config().numHiddenLayers();
        FlowAccumulator acc = cp.load().map(s -> FlowAccumulator.fromJson(s.state().toString()))
                .orElseGet(() -> new FlowAccumulator(layers));
        long resumed = acc.sentencesSeen();
        if (resumed > 0) System.err.println("flow: resuming from " + cp.file() + " (" + resumed + " sentences done)");
        long total = ConlluCounts.of(corpus.conllu).sentences();
        total = (total + every - 1) / every;
        if (corpus.limit > 0) total = Math.min(total, corpus.limit);
        EngineFlowSource source = new EngineFlowSource(model.model(), model.tokenizer(), EngineFlowSource.measure(measure), corpus.maxPieces);
        try (ConlluReader reader = ConlluReader.open(corpus.conllu, corpus.lenient);
             CorpusRun run = new CorpusRun(cp, () -> stateOf(acc),
                     CorpusProgress.start("flow", "sent", total, resumed), Duration.ofSeconds(corpus.checkpointSeconds),
                     resumed).stopOnShutdown()) {
            long index = 0, taken = 0;
            for (Sentence s : reader) {
                if (index++ % every != 0) continue;
                if (corpus.limit > 0 && taken >= corpus.limit) break;
                if (taken++ < resumed) continue;
                FlowMaps maps = source.compute(s);
                if (maps == null) acc.skip(); else acc.add(s, maps);
                run.unitDone(1);
            }
            run.finish();
            reader.problems().forEach(p -> System.err.println("flow: skipped malformed sentence: " + p));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String timing = String.format(Locale.ROOT, "flow: %d sentences (%d skipped) in %.0f s this session; engine %.0f s "
                        + "for %d pieces (%.2f s per sentence)%n", acc.sentencesSeen(), acc.skipped(), seconds,
                source.engineSeconds(), source.pieces(),
                source.engineSeconds() / Math.max(1, acc.sentencesSeen() - acc.skipped() - resumed));
        write(acc, model.identity(), timing);
        return 0;
    }

    /** Writes flow.json, this command's part, the figures and the run note (flow-timing.txt). */
    private void write(FlowAccumulator acc, String modelIdentity, String note) throws IOException {
        FlowReport report = acc.report(seed);
        report.write(corpus.out.resolve("flow.json"));
        JsonNode full = Json.MAPPER.readTree(report.toJson());
        ObjectNode mine = Json.MAPPER.createObjectNode();
        mine.put("model", modelIdentity);
        mine.put("conllu", corpus.conllu.toString());
        mine.put("sentences_seen", report.sentencesSeen());
        mine.put("skipped", report.skipped());
        mine.put("every", every);
        mine.put("measure", measure);
        mine.set(part(), full.get(part()));
        if (part().equals("deps")) mine.set("correlation", full.get("correlation"));
        Path partFile = corpus.out.resolve("flow-" + part() + ".json");
        Json.write(partFile, mine);
        System.out.println("wrote " + corpus.out.resolve("flow.json"));
        System.out.println("wrote " + partFile);
        if (!corpus.noPlots) {
            List<Path> plots = FlowPlots.write(corpus.out, report);
            plots.forEach(p -> System.out.println("wrote " + p));
        }
        System.err.print(note);
        AtomicFiles.writeString(corpus.out.resolve("flow-timing.txt"), note);
    }

    private static JsonNode stateOf(FlowAccumulator acc) {
        try {
            return Json.MAPPER.readTree(acc.toJson());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

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
