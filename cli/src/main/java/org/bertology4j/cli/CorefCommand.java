package org.bertology4j.cli;

import org.bertology4j.plot.HeadPlots;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.analysis.coref.CorefAccumulator;
import org.bertology4j.analysis.coref.CorefAnalysis;
import org.bertology4j.analysis.coref.MentionType;
import org.bertology4j.corpus.Checkpoint;
import org.bertology4j.corpus.ConlluCounts;
import org.bertology4j.corpus.CorpusRun;
import org.bertology4j.corpus.Limited;
import org.bertology4j.corpus.BatchedModelAttention;
import org.bertology4j.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code coref}: Clark et al. 4.3, attention heads as coreference resolvers, on CorefUD-style CoNLL-U (GUM). */
@Command(name = "coref", description = "Attention heads as coreference resolvers (Clark et al. 2019, 4.3): "
        + "writes coref.json, coref.md (Table 2 layout) and a per-head heatmap into --out; resumable by documents.")
public final class CorefCommand implements Callable<Integer> {
    @Mixin
    ModelOption modelOption;

    @Mixin
    CorpusOptions corpus;

    @Mixin
    SparkOption spark;

    @Override
    public Integer call() throws IOException {
        corpus.prepare(128);
        if (spark.enabled()) return SparkRuns.coref(modelOption, corpus, spark);
        long t0 = System.nanoTime();
        LoadedModel m = LoadedModel.open(modelOption);
        int layers = m.model().config().numHiddenLayers(), heads = m.model().config().numAttentionHeads();
        Checkpoint cp = new Checkpoint(corpus.out.resolve("coref.checkpoint.json"), corpus.identity("coref", m.identity()));
        Checkpoint.Saved saved = cp.load().orElse(null);
        CorefAccumulator acc = saved == null ? new CorefAccumulator(layers, heads) : CorefAccumulator.fromJson(saved.state().get("accumulator"));
        long[] docsDone = {saved == null ? 0 : saved.state().get("documents").asLong()};
        long sentencesDone = saved == null ? 0 : saved.done();
        if (saved != null) System.err.println("coref: resuming from " + cp.file() + " (" + docsDone[0] + " documents done)");
        long total = ConlluCounts.of(corpus.conllu).sentences();
        BatchedModelAttention model = new BatchedModelAttention(m.model(), 2048);
        int malformed;
        try (ConlluReader reader = ConlluReader.open(corpus.conllu, corpus.lenient);
             CorpusRun run = new CorpusRun(cp, () -> state(acc, docsDone[0]),
                     CorpusProgress.start("coref", "sent", total, sentencesDone),
                     Duration.ofSeconds(corpus.checkpointSeconds), sentencesDone).stopOnShutdown()) {
            Document[] last = new Document[1];
            Iterator<Document> docs = Limited.of(reader.documents(), corpus.limit);
            Iterator<Document> tracked = new Iterator<>() {
                @Override public boolean hasNext() { return docs.hasNext(); }
                @Override public Document next() {
                    last[0] = docs.next();
                    // documents passed over on resume are already in the progress count
                    return last[0];
                }
            };
            CorefAnalysis.runBatched(tracked, m.tokenizer()::encodeWords, model, corpus.maxPieces, acc, docsDone[0], a -> {
                docsDone[0]++;
                run.unitDone(last[0].sentences().size());
            });
            run.finish();
            malformed = reader.skippedSentences();
            reader.problems().forEach(p -> System.err.println("coref: skipped malformed sentence: " + p));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Path> written = write(acc, corpus.out, !corpus.noPlots, String.format(Locale.ROOT,
                "Model: %s. Input: %s (%d documents). Segments of at most %d pieces. Malformed sentences skipped: %d. "
                        + "Run time this session: %.0f s, forward passes %.0f s (%.0f%%).%n",
                m.identity(), corpus.conllu, docsDone[0], corpus.maxPieces, malformed, seconds, model.seconds(),
                100 * model.seconds() / seconds));
        written.forEach(p -> System.out.println("wrote " + p));
        return 0;
    }

    static JsonNode state(CorefAccumulator acc, long documents) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("documents", documents);
        n.set("accumulator", acc.toJson());
        return n;
    }

    /** Writes coref.json, coref.md and the per-head heatmap. */
    static List<Path> write(CorefAccumulator acc, Path out, boolean plots, String runNote) throws IOException {
        List<Path> written = new ArrayList<>();
        Path jp = out.resolve("coref.json");
        Json.write(jp, acc.resultJson());
        written.add(jp);
        Path md = out.resolve("coref.md");
        AtomicFiles.writeString(md, "# Attention heads and coreference (Clark et al. 2019, Table 2 layout)\n\n"
                + runNote + "\n" + acc.toMarkdown());
        written.add(md);
        long total = 0;
        for (MentionType t : MentionType.values()) total += acc.mentions(t);
        if (plots && total > 0) {
            double[][] v = new double[acc.layers()][acc.heads()];
            for (int l = 0; l < acc.layers(); l++)
                for (int h = 0; h < acc.heads(); h++) v[l][h] = acc.headAccuracy(l, h, null);
            Path png = out.resolve("coref-heads.png");
            HeadPlots.layerHeadHeatmap(png, "Antecedent accuracy per head (all mentions)", v);
            written.add(png);
        }
        return written;
    }
}
