package org.bertology4j.analysis.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.corpus.Checkpoint;
import org.bertology4j.corpus.CorpusRun;
import org.bertology4j.corpus.EngineTime;
import org.bertology4j.corpus.ProgressListener;
import org.bertology4j.corpus.RunInterruptedException;
import org.bertology4j.distributed.AnalysisModel;
import org.bertology4j.io.AtomicFiles;
import org.bertology4j.io.FileHash;
import org.bertology4j.io.JsonFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The coreference part of the flow study at the study's design (section 3): {@link CorefPairSample} draws one noun →
 * pronoun pair per sentence, half coreferent, from GUM dev and then train as needed; for each pair the flow from the
 * noun into the pronoun (A, G, G* per layer) goes into a {@link CorefFlowAccumulator}, and Welch's t compares the
 * two groups per layer and pooled. Only the pronoun's gradient rows are computed ({@link EngineFlowSource} as a
 * {@link PairFlowSource}), so a pair costs about a forward pass, not a whole map.
 *
 * <p>Resumable: the state is checkpointed to {@code flow-coref-pairs.checkpoint.json} in the output directory (and on
 * Ctrl-C); with {@link Options#timeLimit()} the run stops after that time at a pair boundary, writes what it has
 * (marked partial, a balanced random prefix of the sample) and the same call resumes.
 */
public final class CorefPairStudy {
    /** The checkpoint's file name in the output directory. */
    public static final String CHECKPOINT = "flow-coref-pairs.checkpoint.json";

    /**
     * @param corpora            CoNLL-U files with GUM's coreference, drawn from in this order (e.g. dev, then train)
     * @param perGroup           coreferent pairs, and other pairs, to draw
     * @param seed               seed of every choice ({@link CorefPairSample})
     * @param measure            {@code ones} or {@code frobenius} ({@link EngineFlowSource#measure})
     * @param maxPieces          longest sentence in word pieces; longer ones are not drawn
     * @param checkpointInterval time between checkpoints
     * @param timeLimit          stop after this long and write a partial result (null: run to the end)
     */
    public record Options(List<Path> corpora, int perGroup, long seed, String measure, int maxPieces,
                          Duration checkpointInterval, Duration timeLimit) {
        public Options {
            corpora = List.copyOf(corpora);
            if (corpora.isEmpty()) throw new IllegalArgumentException("no CoNLL-U corpus to draw pairs from");
            if (perGroup < 1) throw new IllegalArgumentException("pairs per group must be positive (got " + perGroup + ")");
            if (maxPieces < 3) throw new IllegalArgumentException("max pieces must be at least 3 (got " + maxPieces + ")");
            EngineFlowSource.measure(measure);
        }

        /** Defaults: measure {@code ones}, 128 pieces, checkpoint every 60 s, no time limit. */
        public static Options of(List<Path> corpora, int perGroup, long seed) {
            return new Options(corpora, perGroup, seed, "ones", 128, Duration.ofSeconds(60), null);
        }

        /** With G and G* measured as {@code m} ({@code ones} or {@code frobenius}). */
        public Options withMeasure(String m) { return new Options(corpora, perGroup, seed, m, maxPieces, checkpointInterval, timeLimit); }

        /** With another longest sentence in word pieces. */
        public Options withMaxPieces(int n) { return new Options(corpora, perGroup, seed, measure, n, checkpointInterval, timeLimit); }

        /** With another time between checkpoints. */
        public Options withCheckpointInterval(Duration d) { return new Options(corpora, perGroup, seed, measure, maxPieces, d, timeLimit); }

        /** Stopping after {@code d} with a partial result (null: run to the end). */
        public Options withTimeLimit(Duration d) { return new Options(corpora, perGroup, seed, measure, maxPieces, checkpointInterval, d); }
    }

    private final AnalysisModel model;
    private final Options options;
    private ProgressListener progress = ProgressListener.NONE;

    public CorefPairStudy(AnalysisModel model, Options options) {
        this.model = model;
        this.options = options;
    }

    /** Progress (one unit per pair). */
    public CorefPairStudy withProgress(ProgressListener listener) {
        this.progress = listener;
        return this;
    }

    /**
     * Draws the sample and runs it (resuming from {@code out}'s checkpoint).
     *
     * @throws IllegalStateException when the checkpoint in {@code out} belongs to another run
     * @throws RunInterruptedException when stopped by Ctrl-C (the checkpoint is saved; run again to resume)
     */
    public Result run(Path out) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(out);
        List<CorefPairSample.Corpus> corpora = new ArrayList<>();
        for (Path p : options.corpora()) corpora.add(new CorefPairSample.Corpus(p.getFileName().toString(), read(p)));
        EngineFlowSource source = new EngineFlowSource(model.model(), model.tokenizer(), EngineFlowSource.measure(options.measure()),
                options.maxPieces(), model.time());
        CorefPairSample sample = CorefPairSample.draw(corpora, options.perGroup(), options.seed(), source::fits);
        Checkpoint cp = new Checkpoint(out.resolve(CHECKPOINT), identity());
        Checkpoint.Saved saved = cp.load().orElse(null);
        int layers = model.model().config().numHiddenLayers();
        CorefFlowAccumulator acc = saved == null ? new CorefFlowAccumulator(layers) : fromJson(saved.state());
        long resumed = saved == null ? 0 : saved.done();
        EngineTime.Snapshot before = model.time().snapshot();
        boolean complete = true;
        progress.started("flow-coref-pairs", "pair", sample.pairs().size(), resumed);
        try (CorpusRun run = new CorpusRun(cp, () -> FlowAccumulator.JSON.valueToTree(acc), progress, options.checkpointInterval(), resumed)
                .stopOnShutdown()) {
            if (options.timeLimit() != null) run.timeLimit(options.timeLimit());
            try {
                run(sample.pairs(), source, acc, resumed, run::unitDone);
            } catch (RunInterruptedException stopped) {
                if (!run.timeLimitReached()) throw stopped;
                complete = false;
            }
            if (complete) run.finish();
        }
        return new Result(model.identity(), options, sample, acc, complete, resumed, (System.nanoTime() - t0) / 1e9,
                model.time().snapshot().since(before));
    }

    /**
     * The loop: each pair after the first {@code skip} into {@code acc}, {@code done} told after each.
     *
     * @throws IllegalStateException when the source skips a drawn pair's sentence (the sample must draw only
     *                               sentences the source computes)
     */
    public static void run(List<CorefPairSample.Drawn> pairs, PairFlowSource source, CorefFlowAccumulator acc, long skip,
                           LongConsumer done) {
        for (int i = (int) Math.min(skip, pairs.size()); i < pairs.size(); i++) {
            CorefPairSample.Drawn d = pairs.get(i);
            double[][] v = source.compute(d.sentence(), d.pair().noun(), d.pair().pronoun());
            if (v == null) throw new IllegalStateException("the flow source skipped sentence " + d.sentenceKey() + " of " + d.corpus()
                    + " (line " + d.sentence().firstLine() + "), which the sample drew as eligible");
            acc.add(d.sentenceKey(), d.pair(), v);
            done.accept(1);
        }
    }

    private static List<Sentence> read(Path file) throws IOException {
        List<Sentence> out = new ArrayList<>();
        try (ConlluReader r = ConlluReader.open(file, false)) {
            r.forEach(out::add);
        }
        return out;
    }

    private static CorefFlowAccumulator fromJson(JsonNode state) throws IOException {
        return FlowAccumulator.JSON.treeToValue(state, CorefFlowAccumulator.class);
    }

    /** What must match for a resume: inputs by content, the model's identity, every option of the sample and measure. */
    private ObjectNode identity() throws IOException {
        ObjectNode id = JsonFiles.MAPPER.createObjectNode();
        id.put("command", "flow-coref-pairs");
        ArrayNode inputs = id.putArray("inputs_sha256");
        for (Path p : options.corpora()) inputs.add(FileHash.sha256(p));
        model.modelIdentity().fields().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> id.put(e.getKey(), e.getValue()));
        id.put("per_group", options.perGroup()).put("seed", options.seed()).put("measure", options.measure())
                .put("max_pieces", options.maxPieces());
        return id;
    }

    /**
     * A run's result.
     *
     * @param model       the model's identity (no local path)
     * @param options     the run's options
     * @param sample      the drawn sample (all of it; the first {@code acc.items().size()} pairs are done)
     * @param accumulator the pairs done
     * @param complete    false when the run stopped at its time limit
     * @param resumed     pairs that came from the checkpoint
     * @param seconds     wall time of this session
     * @param engine      engine time of this session
     */
    public record Result(String model, Options options, CorefPairSample sample, CorefFlowAccumulator accumulator,
                         boolean complete, long resumed, double seconds, EngineTime.Snapshot engine) {

        /** Pairs done. */
        public long pairsDone() { return accumulator.items().size(); }

        /** The comparison of the pairs done (all pairs; with one pair per sentence and alternating groups, balanced). */
        public CorefFlowResult coref() { return accumulator.result(options.seed()); }

        /**
         * Writes {@code flow-coref-pairs.json} (run, sample, results, peaks), {@code flow-coref-pairs-sample.tsv}
         * (every drawn pair, done or not), the figures ({@code flow-coref-pairs-{A,G,Gstar,t}}) with {@code plots},
         * and the run note {@code flow-coref-pairs-timing.txt}.
         *
         * @return the files written
         */
        public List<Path> write(Path dir, boolean plots) throws IOException {
            List<Path> written = new ArrayList<>();
            CorefFlowResult r = coref();
            ObjectNode json = JsonFiles.MAPPER.createObjectNode();
            json.put("model", model);
            ArrayNode corpora = json.putArray("corpora");
            for (Path p : options.corpora()) corpora.add(p.getFileName().toString());
            json.put("measure", options.measure()).put("max_pieces", options.maxPieces()).put("seed", options.seed())
                    .put("per_group", options.perGroup());
            json.put("complete", complete).put("pairs_drawn", sample.pairs().size()).put("pairs_done", pairsDone());
            json.set("sample", JsonFiles.MAPPER.valueToTree(sample.counts()));
            json.set("coref", JsonFiles.MAPPER.readTree(FlowAccumulator.JSON.writeValueAsString(r)));
            json.set("findings", JsonFiles.MAPPER.valueToTree(FlowFindings.of(r.all(), null).coref()));
            Path main = dir.resolve("flow-coref-pairs.json");
            JsonFiles.write(main, json);
            written.add(main);
            StringBuilder tsv = new StringBuilder("rank\tcorpus\tsent_id\tnoun_index\tnoun\tpronoun_index\tpronoun\tcoreferent\tdone\n");
            for (int i = 0; i < sample.pairs().size(); i++) {
                CorefPairSample.Drawn d = sample.pairs().get(i);
                tsv.append(i + 1).append('\t').append(d.corpus()).append('\t').append(d.sentenceKey()).append('\t')
                        .append(d.pair().noun() + 1).append('\t').append(d.sentence().words().get(d.pair().noun()).form()).append('\t')
                        .append(d.pair().pronoun() + 1).append('\t').append(d.sentence().words().get(d.pair().pronoun()).form()).append('\t')
                        .append(d.pair().coreferent()).append('\t').append(i < pairsDone()).append('\n');
            }
            Path tsvFile = dir.resolve("flow-coref-pairs-sample.tsv");
            AtomicFiles.writeString(tsvFile, tsv.toString());
            written.add(tsvFile);
            if (plots && pairsDone() > 0) written.addAll(FlowPlots.writeCoref(dir, "flow-coref-pairs", r.all()));
            Path note = dir.resolve("flow-coref-pairs-timing.txt");
            AtomicFiles.writeString(note, note());
            written.add(note);
            return written;
        }

        /** The run note: pairs, completeness and time. */
        public String note() {
            long done = pairsDone(), session = done - resumed;
            return String.format(Locale.ROOT, "flow-coref-pairs: %d of %d pairs (%d coreferent, %d other)%s; %.0f s this session, "
                            + "engine %.0f s for %d pairs (%.2f s per pair)%n", done, sample.pairs().size(),
                    accumulator.coreferentCount(), done - accumulator.coreferentCount(),
                    complete ? "" : " - PARTIAL: stopped at the time limit; run the same command again to continue",
                    seconds, engine.seconds(), session, engine.seconds() / Math.max(1, session));
        }
    }
}
