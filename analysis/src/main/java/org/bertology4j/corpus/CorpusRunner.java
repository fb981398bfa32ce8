package org.bertology4j.corpus;

import org.bertology4j.analysis.conllu.ConlluCounts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.distributed.AnalysisModel;
import org.bertology4j.distributed.CorpusAnalysis;
import org.bertology4j.distributed.CorpusFormat;
import org.bertology4j.distributed.CorpusJob;
import org.bertology4j.distributed.DistributedRunners;
import org.bertology4j.distributed.ExecutorModels;
import org.bertology4j.distributed.Slice;
import org.bertology4j.analysis.conllu.TextDocuments;

import org.bertology4j.io.ModelIdentity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one runner of the corpus studies: runs a {@link CorpusJob} in this process, resumable, or through a
 * {@link org.bertology4j.distributed.DistributedRunner} (Spark) when {@link Options#distributed(String)} names a
 * master. It owns the checkpoint (load, identity check, periodic atomic saves, save on Ctrl-C, see {@link CorpusRun}),
 * the resume, the progress ({@link ProgressListener}) and the engine timing; a study's result class then writes its
 * own JSON, Markdown and figures from the returned {@link Result}.
 *
 * <pre>{@code
 * AnalysisModel model = AnalysisModel.load(Path.of("bert-base-uncased"));
 * CorpusJob<HeadsAccumulator> job = CorpusJob.of(CorpusAnalyses.heads(), Path.of("en_gum-ud-dev.conllu"), model.directory());
 * CorpusRunner.Result<HeadsAccumulator> r = CorpusRunner.run(job, model, CorpusRunner.Options.defaults());
 * }</pre>
 */
public final class CorpusRunner {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CorpusRunner() {}

    /** How to run: checkpoint, progress, stop on Ctrl-C, or a distributed master. Immutable; each setter returns a copy. */
    public static final class Options {
        private final Path checkpoint;
        private final Duration interval;
        private final ProgressListener progress;
        private final boolean stopOnShutdown;
        private final String master;
        private final Duration timeLimit;

        private Options(Path checkpoint, Duration interval, ProgressListener progress, boolean stopOnShutdown, String master,
                        Duration timeLimit) {
            this.checkpoint = checkpoint;
            this.interval = interval;
            this.progress = progress;
            this.stopOnShutdown = stopOnShutdown;
            this.master = master;
            this.timeLimit = timeLimit;
        }

        /** In this process, no checkpoint, no progress. */
        public static Options defaults() { return new Options(null, Duration.ofSeconds(60), ProgressListener.NONE, false, null, null); }

        /** Resumable: the state is saved to {@code file} every {@code interval} and at the end; a re-run resumes it. */
        public Options checkpoint(Path file, Duration interval) {
            return new Options(file, interval, progress, stopOnShutdown, master, timeLimit);
        }

        /** Progress reported to {@code listener}. */
        public Options progress(ProgressListener listener) {
            return new Options(checkpoint, interval, listener, stopOnShutdown, master, timeLimit);
        }

        /** On JVM shutdown (Ctrl-C, SIGTERM) the run saves its checkpoint at the next unit and stops. */
        public Options stopOnShutdown() { return new Options(checkpoint, interval, progress, true, master, timeLimit); }

        /**
         * Stop at the first unit after {@code limit} of this session (null: no limit) and return the results so far,
         * {@link Result#complete()} false; with a checkpoint, running the same job again resumes. The limit is not part
         * of the run's identity, so chunks of one run may have different limits. In this process only.
         */
        public Options timeLimit(Duration limit) { return new Options(checkpoint, interval, progress, stopOnShutdown, master, limit); }

        /**
         * Through the distributed runner on the class path (the {@code bertology4j-spark} module) at {@code master}
         * (e.g. {@code local[2]}); no checkpoint (the framework retries failed tasks); null: in this process.
         */
        public Options distributed(String master) { return new Options(checkpoint, interval, progress, stopOnShutdown, master, timeLimit); }
    }

    /**
     * What a run produced.
     *
     * @param accumulator the study's accumulator (the whole corpus, resumed part included)
     * @param job         the job that ran
     * @param model       the model's identity ({@link AnalysisModel#identity()})
     * @param units       units of progress in the accumulator (sentences, documents or sequences; in process only)
     * @param resumed     units that came from a checkpoint
     * @param malformed   malformed sentences skipped ({@code lenient} runs, in process)
     * @param problems    messages on the malformed sentences skipped
     * @param seconds     wall time of this session
     * @param engine      engine time and sequences of this session (in process)
     * @param master      the distributed master it ran on, or null for a run in this process
     * @param complete    false when the run stopped at its {@link Options#timeLimit} before the end of the corpus: the
     *                    accumulator holds the first {@code units} units (running the same job again resumes)
     */
    public record Result<A>(A accumulator, CorpusJob<A> job, String model, long units, long resumed, int malformed,
                            List<String> problems, double seconds, EngineTime.Snapshot engine, String master, boolean complete) {
        /** Whether the run went through a distributed runner. */
        public boolean distributed() { return master != null; }

        /** The share of the wall time spent in the engine, in percent. */
        public double enginePercent() { return seconds == 0 ? 0 : 100 * engine.seconds() / seconds; }

        /** The run note of a distributed run: model, input ({@code what} was analysed), master and wall time. */
        public String distributedNote(String what) {
            return String.format(Locale.ROOT, "Model: %s. Input: %s (%s). Run through Spark (%s) in %.0f s.%n",
                    model, job.corpus(), what, master, seconds);
        }
    }

    /**
     * Runs {@code job}, loading its model once per JVM ({@link ExecutorModels}) when it runs in this process; the
     * corpus is checked (and hashed) before the model loads.
     */
    public static <A> Result<A> run(CorpusJob<A> job, Options options) throws IOException {
        if (options.master != null) return run(job, null, options);
        CorpusInput input = CorpusInput.check(job);
        return run(job, ExecutorModels.get(job.model()), options, input);
    }

    /**
     * Runs {@code job} with an already loaded model (ignored by a distributed run, whose executors load
     * {@code job.model()}).
     *
     * @throws RunInterruptedException when a stop was requested (the checkpoint is saved; run again to resume)
     * @throws IllegalStateException   when the checkpoint belongs to another run (the message says what differs)
     * @throws org.bertology4j.analysis.conllu.ConlluFormatException naming the file and line of malformed input
     *                                  (before the run starts)
     */
    public static <A> Result<A> run(CorpusJob<A> job, AnalysisModel model, Options options) throws IOException {
        if (options.master != null) {
            long t0 = System.nanoTime();
            if (!job.corpus().contains("://")) CorpusInput.check(job); // a local file: its errors before the cluster starts
            if (options.timeLimit != null) throw new IllegalArgumentException("a time limit needs a run in this process (it stops at a checkpoint)");
            if (job.options().containsKey("max-sequences")) {
                throw new IllegalArgumentException("a cap on the number of segments is sequential and cannot run distributed; limit the documents instead");
            }
            A acc = DistributedRunners.find().run(options.master, job);
            String identity = ModelIdentity.of(Path.of(job.model())).toString();
            return new Result<>(acc, job, identity, -1, 0, 0, List.of(), (System.nanoTime() - t0) / 1e9,
                    new EngineTime().snapshot(), options.master, true);
        }
        return run(job, model, options, CorpusInput.check(job));
    }

    private static <A> Result<A> run(CorpusJob<A> job, AnalysisModel model, Options options, CorpusInput input) throws IOException {
        long t0 = System.nanoTime();
        CorpusAnalysis<A> analysis = job.kind();
        Path file = Path.of(job.corpus());
        Checkpoint cp = options.checkpoint == null ? null : new Checkpoint(options.checkpoint, identity(job, model, input));
        Checkpoint.Saved saved = cp == null ? null : cp.load().orElse(null);
        A acc = saved != null ? analysis.fromJson(saved.state().toString()) : analysis.createFor(model.model().config(), job);
        long resumed = saved == null ? 0 : saved.done();
        long total = analysis.progressTotal(ConlluCounts.of(file), job);
        EngineTime.Snapshot before = model.time().snapshot();
        int malformed = 0;
        List<String> problems = new ArrayList<>();
        options.progress.started(job.analysis(), analysis.progressUnit(), total, resumed);
        try (InputStream text = Files.newInputStream(file);
             CorpusRun run = new CorpusRun(cp, () -> state(analysis, acc), options.progress, options.interval, resumed)) {
            if (options.stopOnShutdown) run.stopOnShutdown();
            if (options.timeLimit != null) run.timeLimit(options.timeLimit);
            long sentenceCap = analysis.limitUnit() == CorpusAnalysis.Unit.SENTENCE ? job.limit() : -1;
            Slice slice = new Slice(0, 0, Long.MAX_VALUE, 1, Integer.MAX_VALUE, Long.MAX_VALUE, sentenceCap, 0);
            long documentCap = analysis.limitUnit() == CorpusAnalysis.Unit.DOCUMENT ? job.limit() : -1;
            boolean complete = true;
            try {
                if (job.format() == CorpusFormat.TEXT) {
                    Iterator<Document> docs = Limited.of(new TextDocuments(text, file.getFileName().toString(), 1), documentCap);
                    analysis.run(docs, model, job, acc, slice, resumed, run::unitDone);
                } else {
                    try (ConlluReader reader = new ConlluReader(text, file.getFileName().toString(), 1, job.lenient())) {
                        try {
                            analysis.run(Limited.of(reader.documents(), documentCap), model, job, acc, slice, resumed, run::unitDone);
                        } finally {
                            malformed = reader.skippedSentences();
                            problems.addAll(reader.problems());
                        }
                    }
                }
            } catch (RunInterruptedException stopped) {
                if (!run.timeLimitReached()) throw stopped;
                complete = false; // the checkpoint is saved; the results so far are returned
            }
            if (complete) run.finish();
            return new Result<>(acc, job, model.identity(), run.done(), resumed, malformed, List.copyOf(problems),
                    (System.nanoTime() - t0) / 1e9, model.time().snapshot().since(before), null, complete);
        }
    }

    /**
     * What must match for a resume: the study, the input's content (SHA-256, not its path or size), the model's
     * identity ({@link ModelIdentity}: the weights' and the other files' SHA-256, not its directory), the limits and
     * the study's options.
     */
    static ObjectNode identity(CorpusJob<?> job, AnalysisModel model, CorpusInput input) {
        ObjectNode id = MAPPER.createObjectNode();
        id.put("command", job.analysis());
        id.put("format", job.format().name());
        id.put("input_sha256", input.sha256());
        model.modelIdentity().fields().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> id.put(e.getKey(), e.getValue()));
        id.put("lenient", job.lenient());
        id.put("limit", job.limit());
        id.put("max_pieces", job.maxPieces());
        for (Map.Entry<String, String> o : new TreeMap<>(job.options()).entrySet()) id.put(o.getKey(), o.getValue());
        return id;
    }

    private static <A> JsonNode state(CorpusAnalysis<A> analysis, A acc) {
        try {
            return MAPPER.readTree(analysis.toJson(acc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
