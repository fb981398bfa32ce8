package org.bertology4j.analysis.qa.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.analysis.kovaleva.TrainingProgress;
import org.bertology4j.analysis.qa.SquadDataset;
import org.bertology4j.analysis.qa.SquadEvaluation;
import org.bertology4j.analysis.qa.SquadParagraph;
import org.bertology4j.analysis.qa.SquadQuestion;
import org.bertology4j.analysis.qa.SquadScores;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.train.Checkpoints;
import org.bertology4j.core.train.ModelParameters;
import org.bertology4j.core.train.Trainer;
import org.bertology4j.core.train.TrainingConfig;
import org.bertology4j.core.train.TrainingExample;
import org.bertology4j.core.train.TrainingHead;
import org.bertology4j.io.AtomicFiles;
import org.bertology4j.tokenizer.BertTokenizer;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Fine-tunes BERT for extractive question answering on SQuAD 1.1 / 2.0 data and evaluates it with SQuAD's exact match
 * and F1: the BERT reference's recipe ({@code run_squad.py}) on the library's trainer. Questions are cut into windows
 * ({@link QaWindows}); each window is a training example whose target is the answer's first and last piece, or [CLS]
 * when the question has no answer or the window does not hold all of it (SQuAD 2.0's no-answer); the loss is the
 * span loss (mean of the start and end cross-entropies, {@code grad.SpanLoss}) on a fresh {@code qa_outputs} head,
 * trained with the whole encoder or on a frozen encoder (the baseline). Predictions are decoded as the reference does
 * ({@link SpanDecoder}).
 *
 * <p>{@link #run(SquadDataset, SquadDataset, Path)} writes into its output directory a Hugging Face {@code BertForQuestionAnswering} model
 * ({@code config.json}, {@code model.safetensors}, {@code vocab.txt}; when training is complete), the dev predictions
 * ({@code predictions.json}, {@code null_odds.json}: the official script's inputs) and {@code qa-eval.json} (scores,
 * settings, sizes, speed); {@code checkpoints/step-N} make it resumable: a run finds its newest checkpoint and
 * continues (the same training data is checked by a fingerprint).
 */
public final class QaFineTuning {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final BertModel pretrained;
    private final BertTokenizer tokenizer;
    private final Path vocab;
    private final String identity;
    private final Options options;
    private final Consumer<String> log;

    /**
     * Options (immutable; {@link #defaults} gives the recipe used here, the {@code with...} methods change one).
     *
     * @param training       optimisation (epochs, batch, learning rate, warm-up, decay, clipping, seed, checkpoint
     *                       interval; dropout is not used by the span head); the seed also draws the subsets and the
     *                       head's initialisation
     * @param maxSeqLength   longest window in pieces
     * @param docStride      pieces between window starts
     * @param maxQueryLength longest question in pieces
     * @param limitTrain     seeded random subset of N training questions (negative: all)
     * @param limitDev       seeded random subset of N dev questions (negative: all)
     * @param frozenEncoder  train only {@code qa_outputs} on the frozen pre-trained encoder (the baseline)
     * @param stopAfter      stop after N updates in total (resume later); negative: run to the end
     * @param decoder        best-span decoding
     */
    public record Options(TrainingConfig training, int maxSeqLength, int docStride, int maxQueryLength, int limitTrain,
                          int limitDev, boolean frozenEncoder, long stopAfter, SpanDecoder decoder) {
        public Options {
            Objects.requireNonNull(training, "training");
            Objects.requireNonNull(decoder, "decoder");
        }

        /** 2 epochs, batch 16, lr 3e-5, 10% warm-up, decay 0.01, clip 1.0; windows of 192 pieces every 64; the reference's decoding. */
        public static Options defaults(long seed) {
            return new Options(new TrainingConfig(2, 16, 3e-5, 0.1, 0.01, 1.0, 0.0, seed, 50, -1), 192, 64, 64, -1, -1,
                    false, -1, SpanDecoder.defaults());
        }

        public Options withTraining(TrainingConfig c) { return new Options(c, maxSeqLength, docStride, maxQueryLength, limitTrain, limitDev, frozenEncoder, stopAfter, decoder); }
        public Options withWindows(int seq, int stride) { return new Options(training, seq, stride, maxQueryLength, limitTrain, limitDev, frozenEncoder, stopAfter, decoder); }
        public Options withLimits(int train, int dev) { return new Options(training, maxSeqLength, docStride, maxQueryLength, train, dev, frozenEncoder, stopAfter, decoder); }
        public Options withFrozenEncoder(boolean f) { return new Options(training, maxSeqLength, docStride, maxQueryLength, limitTrain, limitDev, f, stopAfter, decoder); }
        public Options withStopAfter(long n) { return new Options(training, maxSeqLength, docStride, maxQueryLength, limitTrain, limitDev, frozenEncoder, n, decoder); }
    }

    /**
     * The outcome of a run.
     *
     * @param complete whether training ran to the end (scores are null otherwise)
     * @param updates  optimizer updates done
     * @param scores   SQuAD scores of the dev predictions (with the best no-answer thresholds over {@code null_odds})
     * @param report   the content of {@code qa-eval.json}
     */
    public record Result(boolean complete, long updates, SquadScores scores, ObjectNode report) {}

    /**
     * @param pretrained the pre-trained model (not modified: training works on a copy with a new span head)
     * @param vocab      its vocab.txt (copied, with tokenizer_config.json beside it, into the fine-tuned directory)
     * @param identity   the model's identity in the report (name, source, hash; no machine path)
     */
    public QaFineTuning(BertModel pretrained, BertTokenizer tokenizer, Path vocab, String identity, Options options) {
        this(pretrained, tokenizer, vocab, identity, options, s -> {});
    }

    private QaFineTuning(BertModel pretrained, BertTokenizer tokenizer, Path vocab, String identity, Options options,
                         Consumer<String> log) {
        this.pretrained = Objects.requireNonNull(pretrained, "pretrained");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.vocab = vocab;
        this.identity = Objects.requireNonNull(identity, "identity");
        this.options = Objects.requireNonNull(options, "options");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** The same run reporting its progress (sizes, updates, evaluation) as lines to {@code log}. */
    public QaFineTuning withLog(Consumer<String> log) {
        return new QaFineTuning(pretrained, tokenizer, vocab, identity, options, log);
    }

    public Options options() { return options; }

    /** The windows builder of these options. */
    public QaWindows windows() {
        return new QaWindows(tokenizer, options.maxSeqLength(), options.docStride(), options.maxQueryLength());
    }

    /** The training examples of a data set: every window of every question (in order). */
    public List<TrainingExample> examples(SquadDataset data) {
        QaWindows w = windows();
        List<TrainingExample> out = new ArrayList<>();
        for (SquadParagraph p : data.paragraphs().toList()) {
            for (SquadQuestion q : p.questions()) for (QaWindow win : w.windows(q, p)) out.add(win.trainingExample());
        }
        return out;
    }

    /** Trains (or resumes) on {@code train}, then, when complete, saves the model into {@code out} and evaluates on {@code dev}. */
    public Result run(SquadDataset train, SquadDataset dev, Path out) throws IOException {
        long t0 = System.nanoTime();
        long seed = options.training().seed();
        SquadDataset trainSet = SquadSample.questions(train, options.limitTrain(), seed);
        SquadDataset devSet = SquadSample.questions(dev, options.limitDev(), seed + 1);
        List<TrainingExample> examples = examples(trainSet);
        long answerWindows = examples.stream().filter(e -> e.spanStart() > 0).count();
        log.accept(String.format("training on %d questions (%d answerable) in %d windows (%d holding the answer); dev %d questions",
                trainSet.size(), trainSet.questions().filter(SquadQuestion::hasAnswer).count(), examples.size(), answerWindows, devSet.size()));
        Path ckptDir = out.resolve("checkpoints");
        Path latest = Checkpoints.latest(ckptDir);
        Trainer trainer;
        if (latest != null) {
            log.accept("resuming from " + out.relativize(latest));
            trainer = Trainer.resume(latest, DataType.FLOAT);
            if (!(trainer.head() instanceof TrainingHead.Span)) {
                throw new IllegalArgumentException(latest + " is not a question-answering run");
            }
            Trainer.Scope want = options.frozenEncoder() ? Trainer.Scope.HEAD_ONLY : Trainer.Scope.WHOLE_MODEL;
            if (trainer.scope() != want) {
                throw new IllegalArgumentException(latest + " trains " + trainer.scope() + ", this run asks for " + want
                        + "; use another --out or remove its checkpoints");
            }
        } else {
            BertModel model = ModelParameters.withNewSpanHead(pretrained, seed);
            trainer = Trainer.start(model, options.training(), TrainingHead.span(),
                    options.frozenEncoder() ? Trainer.Scope.HEAD_ONLY : Trainer.Scope.WHOLE_MODEL, vocab);
        }
        trainer.stopAfter(options.stopAfter());
        log.accept(String.format("fine-tuning %,d parameters (%s): %d epochs, batch %d, lr %.2g", trainer.parameters().count(),
                trainer.scope(), trainer.config().epochs(), trainer.config().batchSize(), trainer.config().learningRate()));
        Speed speed = new Speed(new TrainingProgress(log));
        long tTrain = System.nanoTime();
        boolean done = trainer.train(examples, null, ckptDir, speed);
        double trainSeconds = (System.nanoTime() - tTrain) / 1e9;
        ObjectNode report = JSON.createObjectNode();
        report.put("model", identity);
        report.put("head", "BertForQuestionAnswering (qa_outputs)");
        report.put("scope", trainer.scope().name());
        report.putPOJO("training", trainer.config());
        report.put("max_seq_length", options.maxSeqLength());
        report.put("doc_stride", options.docStride());
        report.put("max_query_length", options.maxQueryLength());
        report.put("limit_train", options.limitTrain());
        report.put("limit_dev", options.limitDev());
        report.put("train_questions", trainSet.size());
        report.put("train_windows", examples.size());
        report.put("train_windows_with_answer", answerWindows);
        report.put("updates", trainer.step());
        report.put("complete", done);
        report.put("train_seconds_this_run", trainSeconds);
        // null when this run made no update (a resumed run that only evaluates), rather than the string "NaN"
        if (Double.isNaN(speed.rate)) report.putNull("train_examples_per_second_this_run");
        else report.put("train_examples_per_second_this_run", speed.rate);
        if (!done) return new Result(false, trainer.step(), null, report);

        trainer.saveModelInto(out);
        long tEval = System.nanoTime();
        QaPredictor predictor = new QaPredictor(trainer.model(), windows(), options.decoder(), 32);
        Map<String, QaPrediction> predictions = predictor.predict(devSet, n -> {});
        double evalSeconds = (System.nanoTime() - tEval) / 1e9;
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, Double> nullOdds = new LinkedHashMap<>();
        predictions.forEach((id, p) -> {
            texts.put(id, p.text());
            nullOdds.put(id, Double.isInfinite(p.scoreDiff()) ? 1e9 : p.scoreDiff());
        });
        SquadScores scores = SquadEvaluation.evaluate(devSet, texts, nullOdds, Double.POSITIVE_INFINITY);
        AtomicFiles.writeString(out.resolve("predictions.json"), JSON.writeValueAsString(texts));
        AtomicFiles.writeString(out.resolve("null_odds.json"), JSON.writeValueAsString(nullOdds));
        report.put("dev_questions", devSet.size());
        report.put("dev_answerable", devSet.questions().filter(SquadQuestion::hasAnswer).count());
        report.put("eval_seconds", evalSeconds);
        report.putPOJO("dev", scores.toJson());
        report.put("answered_share", texts.values().stream().filter(t -> !t.isEmpty()).count() / (double) texts.size());
        report.put("seconds_this_run", (System.nanoTime() - t0) / 1e9);
        AtomicFiles.writeString(out.resolve("qa-eval.json"), JSON.writeValueAsString(report));
        log.accept(String.format("dev: exact %.2f  F1 %.2f  (HasAns %s, NoAns %s)", scores.exact(), scores.f1(),
                subset(scores.hasAnswer()), subset(scores.noAnswer())));
        return new Result(true, trainer.step(), scores, report);
    }

    private static String subset(SquadScores.Subset s) {
        return s == null ? "-" : String.format("EM %.2f F1 %.2f of %d", s.exact(), s.f1(), s.total());
    }

    /** Passes progress on and keeps the last throughput. */
    private static final class Speed implements org.bertology4j.core.train.TrainingListener {
        private final org.bertology4j.core.train.TrainingListener inner;
        double rate = Double.NaN;

        Speed(org.bertology4j.core.train.TrainingListener inner) { this.inner = inner; }

        @Override
        public void onStep(long step, long total, double loss, double examplesPerSecond, double secondsLeft) {
            rate = examplesPerSecond;
            inner.onStep(step, total, loss, examplesPerSecond, secondsLeft);
        }
    }
}
