package org.bertology4j.analysis.probe;

import org.bertology4j.io.FileHash;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.analysis.attention.BatchAttentionSource;
import org.bertology4j.analysis.attention.SentenceAttention;
import org.bertology4j.analysis.attention.WordUnits;
import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.corpus.BatchedModelAttention;
import org.bertology4j.corpus.Checkpoint;
import org.bertology4j.corpus.ProgressListener;
import org.bertology4j.corpus.CorpusRun;
import org.bertology4j.corpus.EmbeddingWordVectors;
import org.bertology4j.corpus.Limited;
import org.bertology4j.io.AtomicFiles;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.tokenizer.Encoding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Clark et al. (2019) section 5 as one call: attention-based dependency probes trained one pass on a training
 * treebank and evaluated (UAS, punctuation excluded) on another, beside the right-branching and the
 * distances + word vectors baselines, for the model and (unless {@link Options#random()} is off) a randomly
 * initialised model of the same shape.
 *
 * <p>Resumable: {@link #run(Path)} keeps {@code probe.checkpoint.json} in the output directory with the finished
 * phases' results and the probes of the phase in progress (parameters and Adam moments), saved every
 * {@link Options#checkpointInterval()}, on Ctrl-C and when {@link Options#stopAfter()} is reached (then
 * {@link org.bertology4j.corpus.RunInterruptedException} is thrown). Running again with the same options resumes and
 * gives exactly the result of an uninterrupted run.
 *
 * <pre>{@code
 * BertModel model = BertModel.load(dir);
 * BertTokenizer tok = BertTokenizer.fromModelDirectory(dir);
 * ProbeStudy.Result r = new ProbeStudy(model, tok, dir.toString(),
 *         ProbeStudy.Options.of(gum.resolve("en_gum-ud-train.conllu"), gum.resolve("en_gum-ud-dev.conllu"))
 *                 .withTrainLimit(2000)).run(out);
 * double uas = r.uas().get("attention + word vectors (BERT)").value();
 * r.write(out); // probe.json, probe.md
 * }</pre>
 */
public final class ProbeStudy {
    /** The two models whose attention is probed, in order. */
    private static final String[] PHASES = {"BERT", "random-init BERT"};
    private static final String RIGHT_BRANCHING = "right-branching", DISTANCES = "distances + word vectors";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final BertModel model;
    private final BertTokenizer tokenizer;
    private final String identity;
    private final String name;
    private final Options options;
    private ProgressListener progress = ProgressListener.NONE;

    /**
     * Options of a probe study (immutable; {@link #of} gives the defaults, the {@code with...} methods change one).
     *
     * @param train              training CoNLL-U
     * @param dev                evaluation CoNLL-U
     * @param trainLimit         first N training sentences only (negative: all)
     * @param devLimit           first N evaluation sentences only (negative: all)
     * @param maxPieces          longest sentence in pieces; longer ones are skipped and counted
     * @param glove              GloVe text file for the word vectors, or null for the model's input embeddings
     *                           averaged over pieces
     * @param learningRate       Adam learning rate of the probes
     * @param seed               seed of the random-init model and of the distance network's initial weights
     * @param pretrained         whether to probe the model itself (off: only the baselines and the random-init model,
     *                           e.g. to re-run a baseline; the model's rows are left out)
     * @param random             whether to probe the random-init model too
     * @param randomInit         how the random-init model is built (the paper's: pre-trained embeddings)
     * @param distanceBaseline   the distances + word vectors baseline (the paper's: one hidden layer)
     * @param checkpointInterval time between checkpoints
     * @param stopAfter          stop (with a checkpoint) after N training sentences in total, as Ctrl-C would
     *                           (negative: never; for tests)
     */
    public record Options(Path train, Path dev, long trainLimit, long devLimit, int maxPieces, Path glove,
                          double learningRate, long seed, boolean pretrained, boolean random, RandomInit randomInit,
                          DistanceBaseline distanceBaseline, Duration checkpointInterval, long stopAfter) {
        public Options {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(dev, "dev");
            Objects.requireNonNull(randomInit, "randomInit");
            Objects.requireNonNull(distanceBaseline, "distanceBaseline");
            Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        }

        /**
         * The defaults: all sentences, 128 pieces, input-embedding vectors, lr 0.002, seed 1, the random-init model with
         * pre-trained embeddings, the hidden-layer distance baseline, checkpoints every 120 s.
         */
        public static Options of(Path train, Path dev) {
            return new Options(train, dev, -1, -1, 128, null, 0.002, 1, true, true, RandomInit.PRETRAINED_EMBEDDINGS,
                    DistanceBaseline.HIDDEN_LAYER, Duration.ofSeconds(120), -1);
        }

        public Options withTrainLimit(long n) { return new Options(train, dev, n, devLimit, maxPieces, glove, learningRate, seed, pretrained, random, randomInit, distanceBaseline, checkpointInterval, stopAfter); }
        public Options withDevLimit(long n) { return new Options(train, dev, trainLimit, n, maxPieces, glove, learningRate, seed, pretrained, random, randomInit, distanceBaseline, checkpointInterval, stopAfter); }
        public Options withMaxPieces(int n) { return new Options(train, dev, trainLimit, devLimit, n, glove, learningRate, seed, pretrained, random, randomInit, distanceBaseline, checkpointInterval, stopAfter); }
        public Options withGlove(Path file) { return new Options(train, dev, trainLimit, devLimit, maxPieces, file, learningRate, seed, pretrained, random, randomInit, distanceBaseline, checkpointInterval, stopAfter); }
        public Options withLearningRate(double lr) { return new Options(train, dev, trainLimit, devLimit, maxPieces, glove, lr, seed, pretrained, random, randomInit, distanceBaseline, checkpointInterval, stopAfter); }
        public Options withSeed(long s) { return new Options(train, dev, trainLimit, devLimit, maxPieces, glove, learningRate, s, pretrained, random, randomInit, distanceBaseline, checkpointInterval, stopAfter); }
        public Options withRandom(boolean r) { return new Options(train, dev, trainLimit, devLimit, maxPieces, glove, learningRate, seed, pretrained, r, randomInit, distanceBaseline, checkpointInterval, stopAfter); }
        public Options withPretrained(boolean p) { return new Options(train, dev, trainLimit, devLimit, maxPieces, glove, learningRate, seed, p, random, randomInit, distanceBaseline, checkpointInterval, stopAfter); }
        public Options withRandomInit(RandomInit r) { return new Options(train, dev, trainLimit, devLimit, maxPieces, glove, learningRate, seed, pretrained, random, r, distanceBaseline, checkpointInterval, stopAfter); }
        public Options withDistanceBaseline(DistanceBaseline d) { return new Options(train, dev, trainLimit, devLimit, maxPieces, glove, learningRate, seed, pretrained, random, randomInit, d, checkpointInterval, stopAfter); }
        public Options withCheckpointInterval(Duration d) { return new Options(train, dev, trainLimit, devLimit, maxPieces, glove, learningRate, seed, pretrained, random, randomInit, distanceBaseline, d, stopAfter); }
        public Options withStopAfter(long n) { return new Options(train, dev, trainLimit, devLimit, maxPieces, glove, learningRate, seed, pretrained, random, randomInit, distanceBaseline, checkpointInterval, n); }
    }

    /**
     * @param model     the pre-trained model whose attention is probed
     * @param tokenizer its tokenizer
     * @param identity  the model's identity in reports and checkpoints (e.g. its directory)
     * @param name      the model's short name, for the word-vector description ("input embeddings of NAME")
     * @param options   the study's options
     */
    public ProbeStudy(BertModel model, BertTokenizer tokenizer, String identity, String name, Options options) {
        this.model = Objects.requireNonNull(model, "model");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.name = Objects.requireNonNull(name, "name");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Reports training and evaluation progress (sentences) to {@code listener}; returns this study. */
    public ProbeStudy withProgress(ProgressListener listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** The options. */
    public Options options() { return options; }

    /**
     * Runs (or resumes) the study, keeping its checkpoint in {@code out} (created when missing). Does not write the
     * result files: see {@link Result#write(Path)}.
     *
     * @throws org.bertology4j.corpus.RunInterruptedException when stopped (Ctrl-C or {@link Options#stopAfter()})
     *         after saving the checkpoint
     */
    public Result run(Path out) throws IOException {
        for (Path p : new Path[]{options.train(), options.dev()}) {
            if (!Files.isRegularFile(p)) throw new IOException("CoNLL-U file not found: " + p);
        }
        Files.createDirectories(out);
        return new Run().run(out);
    }

    /** The first {@code limit} sentences of a CoNLL-U file (negative: all). */
    public static List<Sentence> read(Path file, long limit) throws IOException {
        List<Sentence> out = new ArrayList<>();
        try (ConlluReader r = ConlluReader.open(file, false)) {
            Limited.of(r, limit).forEach(out::add);
        }
        return out;
    }

    /**
     * The result of a probe study: UAS by system, in the order of Clark et al.'s Table 3.
     *
     * @param modelIdentity  the model's identity
     * @param train          the training file as given
     * @param dev            the evaluation file as given
     * @param trainSentences training sentences read
     * @param devSentences   evaluation sentences read
     * @param wordVectors    what the word vectors are
     * @param distanceBaseline the variant of the distances + word vectors baseline
     * @param randomInit     how the random-init model was built, or null when it was not probed
     * @param uas            UAS by system ("right-branching", "distances + word vectors", "attention only (BERT)",
     *                       "attention + word vectors (BERT)", then the random-init model's)
     * @param seconds        run time of this session
     */
    public record Result(String modelIdentity, Path train, Path dev, int trainSentences, int devSentences,
                         String wordVectors, DistanceBaseline distanceBaseline, RandomInit randomInit,
                         Map<String, ProbeAnalysis.Uas> uas, double seconds) {
        public Result {
            Objects.requireNonNull(distanceBaseline, "distanceBaseline");
            uas = Collections.unmodifiableMap(new LinkedHashMap<>(uas));
        }

        /** The probe.json content. */
        public ObjectNode toJson() {
            ObjectNode json = JSON.createObjectNode();
            json.put("train_sentences", trainSentences).put("dev_sentences", devSentences).put("word_vectors", wordVectors)
                    .put("distance_baseline", distanceBaseline.label());
            if (randomInit != null) json.put("random_init", randomInit.label());
            ObjectNode r = json.putObject("uas");
            uas.forEach((k, u) -> r.putObject(k).put("uas", u.value()).put("correct", u.correct()).put("total", u.total())
                    .put("skipped_sentences", u.skippedSentences()));
            return json;
        }

        /** The probe.md content: a table in the layout of Clark et al.'s Table 3. */
        public String toMarkdown() {
            StringBuilder md = new StringBuilder("# Attention-based probing classifiers (Clark et al. 2019, Table 3 layout)\n\n")
                    .append(String.format(Locale.ROOT, "Model: %s. Trained one pass on %d sentences of %s, evaluated on %d sentences of %s "
                                    + "(UAS, punctuation excluded). Word vectors: %s. Run time this session %.0f s.%n%n", modelIdentity,
                            trainSentences, train, devSentences, dev, wordVectors, seconds))
                    .append("Distances + word vectors: ").append(distanceBaseline == DistanceBaseline.HIDDEN_LAYER
                            ? "one hidden layer (" + DistanceNetworkProbe.HIDDEN + " tanh units) over both words' vectors and distance features (`hidden-layer`, the paper's)"
                            : "log-linear over offset indicators with word-conditioned weights (`log-linear`)").append(". ")
                    .append(randomInit == null ? "No random-init model.\n\n" : "Random-init model: " + (randomInit == RandomInit.PRETRAINED_EMBEDDINGS
                            ? "pre-trained word, position and segment embeddings, encoder initialised as in BERT's pre-training (`pretrained-embeddings`, the paper's)"
                            : "every weight random, embeddings included (`all-random`)") + ".\n\n")
                    .append("| Model | UAS | Scored words | Skipped sentences |\n|---|---:|---:|---:|\n");
            uas.forEach((k, u) -> md.append(String.format(Locale.ROOT, "| %s | %.1f | %d | %d |%n", k, 100 * u.value(), u.total(),
                    u.skippedSentences())));
            return md.toString();
        }

        /** Writes {@code probe.json} and {@code probe.md} into {@code dir} (atomically). */
        public void write(Path dir) throws IOException {
            Files.createDirectories(dir);
            AtomicFiles.writeString(dir.resolve("probe.json"), JSON.writeValueAsString(toJson()) + "\n");
            AtomicFiles.writeString(dir.resolve("probe.md"), toMarkdown());
        }
    }

    /** One run's resumable state: finished results, the phase in progress and its probes. */
    private final class Run {
        private final Map<String, ProbeAnalysis.Uas> results = new LinkedHashMap<>();
        private int phase;
        private ArcProbe[] probes = new ArcProbe[2]; // attention-only, attention + vectors

        Result run(Path out) throws IOException {
            if (!options.pretrained() && !options.random()) {
                throw new IllegalArgumentException("nothing to probe: both the model and the random-init model are switched off");
            }
            long t0 = System.nanoTime();
            List<Sentence> trainSet = read(options.train(), options.trainLimit()), devSet = read(options.dev(), options.devLimit());
            Path glove = options.glove();
            WordVectors vectors = glove != null ? GloveVectors.read(glove) : new EmbeddingWordVectors(model, tokenizer::encodeWords);
            String vectorName = glove != null ? "GloVe " + glove.getFileName() : "input embeddings of " + name;
            int first = options.pretrained() ? 0 : 1, phases = options.random() ? 2 : 1;
            phase = Math.max(phase, first);
            Checkpoint cp = new Checkpoint(out.resolve("probe.checkpoint.json"), checkpointIdentity());
            long resumed = restore(cp);
            results.put(RIGHT_BRANCHING, ProbeAnalysis.rightBranching(devSet));
            // distances + word vectors: no BERT pass but minutes for the hidden-layer network: kept in the checkpoint
            if (!results.containsKey(DISTANCES)) {
                results.put(DISTANCES, options.distanceBaseline()
                        .trainAndEvaluate(trainSet, devSet, vectors, options.learningRate(), options.seed()));
            }
            long n = trainSet.size();
            progress.started("probe train", "sent", (phases - first) * n, resumed);
            try (CorpusRun run = new CorpusRun(cp, this::state, progress, options.checkpointInterval(), resumed).stopOnShutdown()) {
                while (phase < phases) {
                    String phaseName = PHASES[phase];
                    BertModel probed = phase == 0 ? model : options.randomInit().model(model, options.seed());
                    long skip = Math.max(0, resumed - (phase - first) * n);
                    if (skip < n || probes[0] == null) train(probed, trainSet, skip, vectors, run);
                    if (probes[0] == null) {
                        throw new IllegalStateException("no training sentence fits in " + options.maxPieces() + " pieces");
                    }
                    evaluate(phaseName, probed, devSet, vectors);
                    probes = new ArcProbe[2];
                    phase++;
                    if (phase < phases) run.checkpointNow(); // this phase's results are safe; the next starts from scratch
                }
                run.finish();
            }
            Map<String, ProbeAnalysis.Uas> ordered = new LinkedHashMap<>();   // Table 3's order: baselines first
            ordered.put(RIGHT_BRANCHING, results.get(RIGHT_BRANCHING));
            ordered.put(DISTANCES, results.get(DISTANCES));
            results.forEach(ordered::putIfAbsent);
            return new Result(identity, options.train(), options.dev(), trainSet.size(), devSet.size(), vectorName,
                    options.distanceBaseline(), options.random() ? options.randomInit() : null, ordered,
                    (System.nanoTime() - t0) / 1e9);
        }

        /** What must match for a checkpoint to be resumed. */
        private ObjectNode checkpointIdentity() throws IOException {
            Path train = options.train(), dev = options.dev(), glove = options.glove();
            ObjectNode id = JSON.createObjectNode();
            id.put("command", "probe").put("model", identity);
            // inputs by content, not by path and size (an edited file of the same size must not resume)
            id.put("train_sha256", FileHash.sha256(train)).put("dev_sha256", FileHash.sha256(dev));
            id.put("train_limit", options.trainLimit()).put("dev_limit", options.devLimit()).put("max_pieces", options.maxPieces())
                    .put("lr", options.learningRate()).put("seed", options.seed()).put("no_random", !options.random()).put("no_pretrained", !options.pretrained())
                    .put("random_init", options.randomInit().label())
                    .put("glove_sha256", glove == null ? "" : FileHash.sha256(glove));
            return id;
        }

        /** Restores a saved state; returns the training sentences already consumed (over all phases). */
        private long restore(Checkpoint cp) throws IOException {
            Checkpoint.Saved saved = cp.load().orElse(null);
            if (saved == null) return 0;
            JsonNode st = saved.state();
            phase = st.path("phase").asInt();
            st.path("results").fields().forEachRemaining(e -> results.put(e.getKey(), new ProbeAnalysis.Uas(
                    e.getValue().path("correct").asLong(), e.getValue().path("total").asLong(),
                    e.getValue().path("skipped_sentences").asLong())));
            // a distance baseline of another variant (or none: an older checkpoint) is computed again
            if (!options.distanceBaseline().label().equals(st.path("distance_baseline").asText())) results.remove(DISTANCES);
            JsonNode ps = st.path("probes");
            if (ps.isArray() && ps.size() == 2) probes = new ArcProbe[]{ArcProbe.fromJson(ps.get(0)), ArcProbe.fromJson(ps.get(1))};
            System.err.println("probe: resuming from " + cp.file() + " (" + (phase < PHASES.length ? "phase " + PHASES[phase]
                    : "complete") + ", " + saved.done() + " training sentences done)");
            return saved.done();
        }

        private JsonNode state() {
            ObjectNode st = JSON.createObjectNode();
            st.put("phase", phase).put("distance_baseline", options.distanceBaseline().label());
            ObjectNode r = st.putObject("results");
            results.forEach((k, u) -> {
                if (!k.equals(RIGHT_BRANCHING)) {
                    r.putObject(k).put("correct", u.correct()).put("total", u.total()).put("skipped_sentences", u.skippedSentences());
                }
            });
            if (probes[0] != null) st.putArray("probes").add(probes[0].toJson()).add(probes[1].toJson());
            return st;
        }

        /**
         * Trains the attention-only and attention + word-vector probes in one pass (the attention is computed once),
         * starting after the first {@code skip} training sentences (already in {@link #probes} when resuming).
         */
        private void train(BertModel probed, List<Sentence> trainSet, long skip, WordVectors vectors, CorpusRun run) {
            BatchedModelAttention source = new BatchedModelAttention(probed, 2048);
            List<Sentence> rest = trainSet.subList((int) skip, trainSet.size());
            double lr = options.learningRate();
            for (List<Sentence> block : blocks(rest)) {
                List<ArcFeatures> fs = features(block, source);
                for (int i = 0; i < block.size(); i++) {
                    ArcFeatures f = fs.get(i);
                    if (f != null) {
                        if (probes[0] == null) {
                            probes = new ArcProbe[]{new ArcProbe(f.size(), 0, lr), new ArcProbe(f.size(), vectors.dimension(), lr)};
                        }
                        int[] gold = ProbeAnalysis.gold(block.get(i));
                        probes[0].train(f, null, gold);
                        probes[1].train(f, vectors.vectors(block.get(i)), gold);
                    }
                    if (options.stopAfter() >= 0 && run.done() + 1 >= options.stopAfter()) run.requestStop();
                    run.unitDone(1);
                }
            }
        }

        /** UAS of the current probes on the evaluation set (punctuation excluded) into {@link #results}. */
        private void evaluate(String phaseName, BertModel probed, List<Sentence> devSet, WordVectors vectors) {
            BatchedModelAttention source = new BatchedModelAttention(probed, 2048);
            long[][] c = new long[2][2];
            long skipped = 0;
            progress.started("probe " + phaseName + " dev", "sent", devSet.size(), 0);
            try {
                for (List<Sentence> block : blocks(devSet)) {
                    List<ArcFeatures> fs = features(block, source);
                    for (int i = 0; i < block.size(); i++) {
                        Sentence s = block.get(i);
                        ArcFeatures f = fs.get(i);
                        progress.advanced(1);
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
            } finally {
                progress.finished();
            }
            results.put("attention only (" + phaseName + ")", new ProbeAnalysis.Uas(c[0][0], c[0][1], skipped));
            results.put("attention + word vectors (" + phaseName + ")", new ProbeAnalysis.Uas(c[1][0], c[1][1], skipped));
        }

        /** Attention features of a block (null for sentences over the limit), one batched call. */
        private List<ArcFeatures> features(List<Sentence> block, BatchAttentionSource source) {
            List<Encoding> es = new ArrayList<>(), usable = new ArrayList<>();
            for (Sentence s : block) {
                Encoding e = tokenizer.encodeWords(s.forms());
                boolean fits = e.length() <= options.maxPieces() && !e.truncated() && WordUnits.coversAllWords(e);
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

    private static List<List<Sentence>> blocks(List<Sentence> all) {
        List<List<Sentence>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 64) out.add(all.subList(i, Math.min(all.size(), i + 64)));
        return out;
    }
}
