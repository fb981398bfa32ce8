package org.bertology4j.cli;

import org.bertology4j.plot.HeadPlots;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.heads.HeadsAccumulator;
import org.bertology4j.analysis.heads.HeadsAnalysis;
import org.bertology4j.analysis.heads.HeadsResult;
import org.bertology4j.corpus.Checkpoint;
import org.bertology4j.corpus.ConlluCounts;
import org.bertology4j.corpus.CorpusRun;
import org.bertology4j.corpus.Limited;
import org.bertology4j.corpus.BatchedModelAttention;
import org.bertology4j.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code heads}: Clark et al. 4.2, every attention head as a dependency parser, on a CoNLL-U treebank. */
@Command(name = "heads", description = "Single attention heads as dependency parsers (Clark et al. 2019, 4.2): "
        + "writes heads.json, heads.md (Table 1 layout) and PNG figures into --out; resumable.")
public final class HeadsCommand implements Callable<Integer> {
    /** Relations Clark et al. single out (UD names of their Stanford labels), shown first in figures. */
    static final List<String> FEATURED = List.of("det", "obj", "nmod:poss", "aux:pass", "compound:prt", "amod", "ccomp",
            "nsubj", "advmod", "aux", "mark", "case", "compound");

    @Mixin
    ModelOption modelOption;

    @Mixin
    CorpusOptions corpus;

    @Option(names = "--block", paramLabel = "N", defaultValue = "64",
            description = "Sentences read ahead and sent to the engine together (sorted by length into batches). Default: ${DEFAULT-VALUE}.")
    int block = 64;

    @Option(names = "--token-budget", paramLabel = "N", defaultValue = "2048",
            description = "Largest batch size x padded length of one forward pass. Default: ${DEFAULT-VALUE}.")
    int tokenBudget = 2048;

    @Mixin
    SparkOption spark;

    @Override
    public Integer call() throws IOException {
        corpus.prepare(512);
        if (spark.enabled()) return SparkRuns.heads(modelOption, corpus, spark);
        long t0 = System.nanoTime();
        LoadedModel m = LoadedModel.open(modelOption);
        int layers = m.model().config().numHiddenLayers(), heads = m.model().config().numAttentionHeads();
        Checkpoint cp = new Checkpoint(corpus.out.resolve("heads.checkpoint.json"), corpus.identity("heads", m.identity()));
        HeadsAccumulator acc = cp.load().map(s -> HeadsAccumulator.fromJson(s.state())).orElseGet(() -> new HeadsAccumulator(layers, heads));
        long resumed = acc.sentences() + acc.skipped();
        if (resumed > 0) System.err.println("heads: resuming from " + cp.file() + " (" + resumed + " sentences done)");
        long total = ConlluCounts.of(corpus.conllu).sentences();
        if (corpus.limit > 0) total = Math.min(total, corpus.limit);
        BatchedModelAttention model = new BatchedModelAttention(m.model(), tokenBudget);
        int malformed;
        try (ConlluReader reader = ConlluReader.open(corpus.conllu, corpus.lenient);
             CorpusRun run = new CorpusRun(cp, acc::toJson, CorpusProgress.start("heads", "sent", total, resumed),
                     Duration.ofSeconds(corpus.checkpointSeconds), resumed).stopOnShutdown()) {
            HeadsAnalysis.runBatched(Limited.of(reader, corpus.limit), m.tokenizer()::encodeWords, model, corpus.maxPieces,
                    block, acc, a -> run.unitDone(1));
            run.finish();
            malformed = reader.skippedSentences();
            reader.problems().forEach(p -> System.err.println("heads: skipped malformed sentence: " + p));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Path> written = write(acc.result(), corpus.out, !corpus.noPlots, String.format(Locale.ROOT,
                "Model: %s. Input: %s. Malformed sentences skipped: %d. Run time this session: %.0f s, of which batched "
                        + "forward passes %.0f s (%.0f%%; %d sequences, padding efficiency %.2f).%n",
                m.identity(), corpus.conllu, malformed, seconds, model.seconds(), 100 * model.seconds() / seconds,
                model.sequences(), model.paddingEfficiency()));
        written.forEach(p -> System.out.println("wrote " + p));
        System.err.printf(Locale.ROOT, "heads: %.0f s, forward passes %.0f s (%.0f%%)%n", seconds, model.seconds(), 100 * model.seconds() / seconds);
        return 0;
    }

    /** Writes heads.json, heads.md and the figures; returns the files. */
    static List<Path> write(HeadsResult r, Path out, boolean plots, String runNote) throws IOException {
        List<Path> written = new ArrayList<>();
        ObjectNode json = r.toJson();
        Path jp = out.resolve("heads.json");
        Json.write(jp, json);
        written.add(jp);
        Path md = out.resolve("heads.md");
        AtomicFiles.writeString(md, "# Single heads as dependency parsers (Clark et al. 2019, Table 1 layout)\n\n"
                + runNote + "\n" + r.toMarkdown(50));
        written.add(md);
        if (!plots) return written;
        ObjectNode overall = (ObjectNode) json.get("overall");
        int layers = json.get("layers").asInt(), heads = json.get("heads_per_layer").asInt();
        for (String dir : new String[]{"dep->head", "head<-dep"}) {
            double[][] v = new double[layers][heads];
            for (int l = 0; l < layers; l++)
                for (int h = 0; h < heads; h++)
                    v[l][h] = overall.get("heads").get((l + 1) + "-" + (h + 1)).get(dir).asDouble();
            Path png = out.resolve("heads-uas-" + (dir.startsWith("dep") ? "dep-to-head" : "head-from-dep") + ".png");
            HeadPlots.layerHeadHeatmap(png, "Per-head UAS, " + dir, v);
            written.add(png);
        }
        List<String> cats = new ArrayList<>();
        List<Double> best = new ArrayList<>(), base = new ArrayList<>();
        for (String rel : FEATURED) {
            var n = json.get("relations").get(rel);
            if (n == null || !n.has("best")) continue;
            cats.add(rel + " " + n.get("best").get("head").asText());
            best.add(n.get("best").get("accuracy").asDouble());
            base.add(n.get("best_offset").get("accuracy").asDouble());
        }
        if (!cats.isEmpty()) {
            Map<String, double[]> series = new LinkedHashMap<>();
            series.put("best head", best.stream().mapToDouble(Double::doubleValue).toArray());
            series.put("best fixed offset", base.stream().mapToDouble(Double::doubleValue).toArray());
            Path png = out.resolve("heads-best-per-relation.png");
            HeadPlots.bars(png, "Best single head vs offset baseline", "accuracy", cats, series);
            written.add(png);
        }
        return written;
    }
}
