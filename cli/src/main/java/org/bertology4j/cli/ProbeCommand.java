package org.bertology4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.analysis.attention.BatchAttentionSource;
import org.bertology4j.analysis.attention.SentenceAttention;
import org.bertology4j.analysis.attention.WordUnits;
import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.analysis.probe.ArcFeatures;
import org.bertology4j.analysis.probe.ArcProbe;
import org.bertology4j.analysis.probe.AttentionArcFeatures;
import org.bertology4j.analysis.probe.DistanceArcFeatures;
import org.bertology4j.analysis.probe.GloveVectors;
import org.bertology4j.analysis.probe.ProbeAnalysis;
import org.bertology4j.analysis.probe.WordVectors;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.corpus.BatchedModelAttention;
import org.bertology4j.corpus.CorpusRun;
import org.bertology4j.corpus.Checkpoint;
import org.bertology4j.corpus.EmbeddingWordVectors;
import org.bertology4j.corpus.Limited;
import org.bertology4j.io.AtomicFiles;
import org.bertology4j.tokenizer.Encoding;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code probe}: Clark et al. section 5, attention-based dependency probes trained one pass on a training
 * treebank and evaluated (UAS, punctuation excluded) on another, with the right-branching and
 * distances + word vectors baselines, for the model and a randomly initialised model of the same shape.
 * Resumable: the checkpoint {@code probe.checkpoint.json} holds the finished phases' results and the probes of the
 * phase in progress (parameters and Adam moments, base64), saved every {@code --checkpoint-seconds} and on Ctrl-C.
 */
@Command(name = "probe", description = "Attention-based dependency probes (Clark et al. 2019, section 5): writes probe.json, "
        + "probe.md and a bar chart into --out.")
public final class ProbeCommand implements Callable<Integer> {
    @Mixin
    ModelOption modelOption;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Training CoNLL-U (e.g. GUM train).")
    Path train;

    @Option(names = "--dev", required = true, paramLabel = "FILE", description = "Evaluation CoNLL-U (e.g. GUM dev).")
    Path dev;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

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

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random-init model. Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Option(names = "--no-random", description = "Skip the random-init model.")
    boolean noRandom;

    @Option(names = "--checkpoint-seconds", paramLabel = "S", defaultValue = "120",
            description = "Seconds between checkpoints (probe states, ~40 MB). Default: ${DEFAULT-VALUE}.")
    int checkpointSeconds = 120;

    @Option(names = "--stop-after", paramLabel = "N", defaultValue = "-1", hidden = true,
            description = "Stop (with a checkpoint) after N training sentences in total, as Ctrl-C would (tests).")
    long stopAfter = -1;

    /** The two models whose attention is probed, in order. */
    private static final String[] PHASES = {"BERT", "random-init BERT"};

    // Resumable state: finished results, the phase in progress and its probes (attention-only, attention + vectors).
    private final Map<String, ProbeAnalysis.Uas> results = new LinkedHashMap<>();
    private int phase;
    private ArcProbe[] probes = new ArcProbe[2];

    @Override
    public Integer call() throws IOException {
        for (Path p : new Path[]{train, dev}) if (!Files.isRegularFile(p)) throw new IOException("CoNLL-U file not found: " + p);
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        LoadedModel m = LoadedModel.open(modelOption);
        List<Sentence> trainSet = read(train, trainLimit), devSet = read(dev, devLimit);
        WordVectors vectors = glove != null ? GloveVectors.read(glove) : new EmbeddingWordVectors(m.model(), m.tokenizer()::encodeWords);
        String vectorName = glove != null ? "GloVe " + glove.getFileName() : "input embeddings of " + modelOption.name();
        results.put("right-branching", ProbeAnalysis.rightBranching(devSet));
        // distances + word vectors: cheap, no model, deterministic: recomputed when resuming
        ArcProbe dist = null;
        for (Sentence s : trainSet) {
            ArcFeatures f = DistanceArcFeatures.of(s.size());
            if (dist == null) dist = new ArcProbe(f.size(), vectors.dimension(), lr);
            dist.train(f, vectors.vectors(s), ProbeAnalysis.gold(s));
        }
        results.put("distances + word vectors", ProbeAnalysis.evaluate(dist, devSet, s -> DistanceArcFeatures.of(s.size()), vectors));

        int phases = noRandom ? 1 : 2;
        Checkpoint cp = new Checkpoint(out.resolve("probe.checkpoint.json"), identity(m));
        long resumed = restore(cp);
        long n = trainSet.size();
        try (CorpusRun run = new CorpusRun(cp, this::state, CorpusProgress.start("probe train", "sent", phases * n, resumed),
                Duration.ofSeconds(checkpointSeconds), resumed).stopOnShutdown()) {
            while (phase < phases) {
                String name = PHASES[phase];
                BertModel model = phase == 0 ? m.model() : BertModel.random(m.model().config(), seed, DataType.FLOAT);
                long skip = Math.max(0, resumed - phase * n);
                if (skip < n || probes[0] == null) train(model, m, trainSet, skip, vectors, run);
                if (probes[0] == null) throw new IllegalStateException("no training sentence fits in " + maxPieces + " pieces");
                evaluate(name, model, m, devSet, vectors);
                probes = new ArcProbe[2];
                phase++;
                if (phase < phases) run.checkpointNow(); // this phase's results are safe; the next starts from scratch
            }
            run.finish();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("train_sentences", trainSet.size()).put("dev_sentences", devSet.size()).put("word_vectors", vectorName);
        ObjectNode r = json.putObject("uas");
        results.forEach((k, u) -> r.putObject(k).put("uas", u.value()).put("correct", u.correct()).put("total", u.total())
                .put("skipped_sentences", u.skippedSentences()));
        Json.write(out.resolve("probe.json"), json);
        StringBuilder md = new StringBuilder("# Attention-based probing classifiers (Clark et al. 2019, Table 3 layout)\n\n")
                .append(String.format(Locale.ROOT, "Model: %s. Trained one pass on %d sentences of %s, evaluated on %d sentences of %s "
                        + "(UAS, punctuation excluded). Word vectors: %s. Run time this session %.0f s.%n%n", m.identity(), trainSet.size(), train,
                        devSet.size(), dev, vectorName, seconds))
                .append("| Model | UAS | Scored words | Skipped sentences |\n|---|---:|---:|---:|\n");
        results.forEach((k, u) -> md.append(String.format(Locale.ROOT, "| %s | %.1f | %d | %d |%n", k, 100 * u.value(), u.total(), u.skippedSentences())));
        AtomicFiles.writeString(out.resolve("probe.md"), md.toString());
        ClarkPlots.bars(out.resolve("probe.png"), "Probe UAS on " + dev.getFileName(), "UAS", new ArrayList<>(results.keySet()),
                Map.of("UAS", results.values().stream().mapToDouble(ProbeAnalysis.Uas::value).toArray()));
        System.out.println("wrote " + out.resolve("probe.json") + ", probe.md, probe.png");
        return 0;
    }

    /** What must match for a checkpoint to be resumed. */
    private ObjectNode identity(LoadedModel m) throws IOException {
        ObjectNode id = Json.MAPPER.createObjectNode();
        id.put("command", "probe").put("model", m.identity());
        id.put("train", train.toAbsolutePath().normalize().toString()).put("train_bytes", Files.size(train));
        id.put("dev", dev.toAbsolutePath().normalize().toString()).put("dev_bytes", Files.size(dev));
        id.put("train_limit", trainLimit).put("dev_limit", devLimit).put("max_pieces", maxPieces).put("lr", lr)
                .put("seed", seed).put("no_random", noRandom).put("glove", glove == null ? "" : glove.toAbsolutePath().toString());
        return id;
    }

    /** Restores a saved state; returns the training sentences already consumed (over all phases). */
    private long restore(Checkpoint cp) throws IOException {
        Checkpoint.Saved saved = cp.load().orElse(null);
        if (saved == null) return 0;
        JsonNode st = saved.state();
        phase = st.path("phase").asInt();
        st.path("results").fields().forEachRemaining(e -> results.put(e.getKey(), new ProbeAnalysis.Uas(
                e.getValue().path("correct").asLong(), e.getValue().path("total").asLong(), e.getValue().path("skipped_sentences").asLong())));
        JsonNode ps = st.path("probes");
        if (ps.isArray() && ps.size() == 2) probes = new ArcProbe[]{ArcProbe.fromJson(ps.get(0)), ArcProbe.fromJson(ps.get(1))};
        System.err.println("probe: resuming from " + cp.file() + " (" + (phase < PHASES.length ? "phase " + PHASES[phase]
                : "complete") + ", " + saved.done() + " training sentences done)");
        return saved.done();
    }

    private JsonNode state() {
        ObjectNode st = Json.MAPPER.createObjectNode();
        st.put("phase", phase);
        ObjectNode r = st.putObject("results");
        results.forEach((k, u) -> {
            if (k.endsWith("BERT)")) r.putObject(k).put("correct", u.correct()).put("total", u.total()).put("skipped_sentences", u.skippedSentences());
        });
        if (probes[0] != null) st.putArray("probes").add(probes[0].toJson()).add(probes[1].toJson());
        return st;
    }

    static List<Sentence> read(Path file, long limit) throws IOException {
        List<Sentence> out = new ArrayList<>();
        try (ConlluReader r = ConlluReader.open(file, false)) {
            Limited.of(r, limit).forEach(out::add);
        }
        return out;
    }

    /**
     * Trains the attention-only and attention + word-vector probes in one pass (the attention is computed once),
     * starting after the first {@code skip} training sentences (already in {@link #probes} when resuming).
     */
    private void train(BertModel model, LoadedModel m, List<Sentence> trainSet, long skip, WordVectors vectors, CorpusRun run) {
        BatchedModelAttention source = new BatchedModelAttention(model, 2048);
        List<Sentence> rest = trainSet.subList((int) skip, trainSet.size());
        for (List<Sentence> block : blocks(rest)) {
            List<ArcFeatures> fs = features(block, source, m);
            for (int i = 0; i < block.size(); i++) {
                ArcFeatures f = fs.get(i);
                if (f != null) {
                    if (probes[0] == null) probes = new ArcProbe[]{new ArcProbe(f.size(), 0, lr), new ArcProbe(f.size(), vectors.dimension(), lr)};
                    int[] gold = ProbeAnalysis.gold(block.get(i));
                    probes[0].train(f, null, gold);
                    probes[1].train(f, vectors.vectors(block.get(i)), gold);
                }
                if (stopAfter >= 0 && run.done() + 1 >= stopAfter) run.requestStop();
                run.unitDone(1);
            }
        }
    }

    /** UAS of the current probes on the evaluation set (punctuation excluded) into {@link #results}. */
    private void evaluate(String name, BertModel model, LoadedModel m, List<Sentence> devSet, WordVectors vectors) {
        BatchedModelAttention source = new BatchedModelAttention(model, 2048);
        long[][] c = new long[2][2];
        long skipped = 0;
        try (CorpusProgress bar = CorpusProgress.start("probe " + name + " dev", "sent", devSet.size(), 0)) {
            for (List<Sentence> block : blocks(devSet)) {
                List<ArcFeatures> fs = features(block, source, m);
                for (int i = 0; i < block.size(); i++) {
                    Sentence s = block.get(i);
                    ArcFeatures f = fs.get(i);
                    bar.stepBy(1);
                    if (f == null) { skipped++; continue; }
                    int[] gold = ProbeAnalysis.gold(s);
                    int[][] pred = {probes[0].predict(f, null), probes[1].predict(f, vectors.vectors(s))};
                    for (int w = 0; w < gold.length; w++) {
                        if (s.words().get(w).upos().equals("PUNCT")) continue;
                        for (int k = 0; k < 2; k++) {
                            c[k][1]++;
                            if (pred[k][w] == gold[w]) c[k][0]++;
                        }
                    }
                }
            }
        }
        results.put("attention only (" + name + ")", new ProbeAnalysis.Uas(c[0][0], c[0][1], skipped));
        results.put("attention + word vectors (" + name + ")", new ProbeAnalysis.Uas(c[1][0], c[1][1], skipped));
    }

    private static List<List<Sentence>> blocks(List<Sentence> all) {
        List<List<Sentence>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 64) out.add(all.subList(i, Math.min(all.size(), i + 64)));
        return out;
    }

    /** Attention features of a block (null for sentences over the limit), one batched call. */
    private List<ArcFeatures> features(List<Sentence> block, BatchAttentionSource source, LoadedModel m) {
        List<Encoding> es = new ArrayList<>(), usable = new ArrayList<>();
        for (Sentence s : block) {
            Encoding e = m.tokenizer().encodeWords(s.forms());
            boolean fits = e.length() <= maxPieces && !e.truncated() && WordUnits.coversAllWords(e);
            es.add(fits ? e : null);
            if (fits) usable.add(e);
        }
        List<SentenceAttention> att = usable.isEmpty() ? List.of() : source.attendAll(usable);
        List<ArcFeatures> out = new ArrayList<>();
        int k = 0;
        for (Encoding e : es) out.add(e == null ? null : AttentionArcFeatures.of(att.get(k++), WordUnits.of(e)));
        return out;
    }
}
