package org.bertology4j.analysis.kovaleva;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.analysis.tasks.ClassificationTask;
import org.bertology4j.analysis.tasks.TaskEncoder;
import org.bertology4j.analysis.tasks.Tasks;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.LoadOptions;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.core.train.Checkpoints;
import org.bertology4j.core.train.ClassifierEvaluation;
import org.bertology4j.core.train.ModelParameters;
import org.bertology4j.core.train.RandomInitialisation;
import org.bertology4j.core.train.Trainer;
import org.bertology4j.core.train.TrainingConfig;
import org.bertology4j.core.train.TrainingExample;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.tokenizer.Vocabulary;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Kovaleva et al. (2019)'s fine-tuning setup as one call: a sequence classifier (whole encoder) trained on a task,
 * its dev accuracy beside the majority-class and frozen-encoder baselines ({@link FrozenEncoderBaseline}: logistic
 * regression on the frozen [CLS] and pooled output), and an exact {@link McNemar} test of the fine-tuned model
 * against each frozen baseline on the same dev examples.
 *
 * <p>{@link #run(Path)} writes under its output directory {@code model/} (a Hugging Face
 * BertForSequenceClassification directory, when training is complete) and {@code checkpoints/step-N} (resumable
 * with {@link Options#resume()}); {@link #evaluate(Path)} re-evaluates a finished {@code model/} against the
 * baselines. {@link Result#write(Path)} writes {@code finetune.json}.
 *
 * <pre>{@code
 * ClassificationTask task = Tasks.load("gum-genre", gumDir, null, 42);
 * FineTuningStudy.Options options = FineTuningStudy.Options.defaults(42).withMaxTrain(2000);
 * FineTuningStudy.Result r = new FineTuningStudy(model, tokenizer, modelDir.resolve("vocab.txt"), modelDir.toString(),
 *         task, options).run(out);
 * r.write(out); // finetune.json
 * McNemar vsCls = r.pairedTests().get("frozen_cls_logreg");
 * }</pre>
 */
public final class FineTuningStudy {
    private final BertModel pretrained;
    private final BertTokenizer tokenizer;
    private final Path vocab;
    private final String identity;
    private final ClassificationTask task;
    private final Options options;
    private final Consumer<String> log;

    /**
     * Options of a fine-tuning study (immutable; {@link #defaults} gives BERT's recipe, the {@code with...} methods
     * change one).
     *
     * @param training       the optimisation (epochs, batch, learning rate, warm-up, decay, clipping, dropout, seed,
     *                       checkpoint interval); its seed also draws the subsets and the classifier's initialisation
     * @param maxLength      longest input in pieces; longer ones are skipped (or cut with {@code truncate})
     * @param truncate       cut long inputs instead of skipping them
     * @param maxTrain       seeded random subset of N training examples (negative: all)
     * @param maxDev         seeded random subset of N dev examples (negative: all)
     * @param stopAfter      stop after N updates in total (resume later); negative: run to the end
     * @param resume         continue from the newest checkpoint under the output directory
     * @param frozenBaseline compute the frozen-encoder logistic-regression baselines (and their paired tests)
     * @param randomInit     fine-tune from BERT's random initialisation ({@link RandomInitialisation}, drawn from the
     *                       training seed) instead of the pre-trained weights: Kovaleva et al.'s random-init baseline;
     *                       the frozen baselines still use the pre-trained model
     */
    public record Options(TrainingConfig training, int maxLength, boolean truncate, int maxTrain, int maxDev,
                          long stopAfter, boolean resume, boolean frozenBaseline, boolean randomInit) {
        public Options {
            Objects.requireNonNull(training, "training");
        }

        /** BERT's recipe ({@link TrainingConfig#bertDefaults}), 128 pieces, whole splits, frozen baselines on, pre-trained weights. */
        public static Options defaults(long seed) {
            return new Options(TrainingConfig.bertDefaults(seed), 128, false, -1, -1, -1, false, true, false);
        }

        public Options withTraining(TrainingConfig c) { return new Options(c, maxLength, truncate, maxTrain, maxDev, stopAfter, resume, frozenBaseline, randomInit); }
        public Options withMaxLength(int n, boolean cut) { return new Options(training, n, cut, maxTrain, maxDev, stopAfter, resume, frozenBaseline, randomInit); }
        public Options withMaxTrain(int n) { return new Options(training, maxLength, truncate, n, maxDev, stopAfter, resume, frozenBaseline, randomInit); }
        public Options withMaxDev(int n) { return new Options(training, maxLength, truncate, maxTrain, n, stopAfter, resume, frozenBaseline, randomInit); }
        public Options withStopAfter(long n) { return new Options(training, maxLength, truncate, maxTrain, maxDev, n, resume, frozenBaseline, randomInit); }
        public Options withResume(boolean r) { return new Options(training, maxLength, truncate, maxTrain, maxDev, stopAfter, r, frozenBaseline, randomInit); }
        public Options withFrozenBaseline(boolean f) { return new Options(training, maxLength, truncate, maxTrain, maxDev, stopAfter, resume, f, randomInit); }
        public Options withRandomInit(boolean r) { return new Options(training, maxLength, truncate, maxTrain, maxDev, stopAfter, resume, frozenBaseline, r); }
    }

    /**
     * The outcome of a run or an evaluation.
     *
     * @param report       the content of {@code finetune.json} (a Jackson tree; an evaluation's includes the earlier
     *                     run's fields)
     * @param complete     whether training ran to the end (always true for an evaluation)
     * @param updates      optimizer updates done (0 for an evaluation)
     * @param devScore     the fine-tuned model's last dev score: accuracy, or −MSE for regression (NaN when incomplete
     *                     or for an evaluation)
     * @param baselines    dev accuracy by baseline: {@code majority}, {@code pretrained_untrained_head} (the pre-trained
     *                     encoder with the new classifier before any update), {@code frozen_cls_logreg},
     *                     {@code frozen_pooled_logreg} (those computed)
     * @param pairedTests  exact McNemar test of the fine-tuned model (A) against each frozen baseline (B), by baseline
     *                     name; empty for regression or an incomplete run
     * @param modelDir     where the fine-tuned model is (or will be when complete)
     */
    public record Result(ObjectNode report, boolean complete, long updates, double devScore, Map<String, Double> baselines,
                         Map<String, McNemar> pairedTests, Path modelDir) {
        public Result {
            baselines = Collections.unmodifiableMap(new LinkedHashMap<>(baselines));
            pairedTests = Collections.unmodifiableMap(new LinkedHashMap<>(pairedTests));
        }

        /** Writes {@code finetune.json} into {@code dir} (atomically). */
        public void write(Path dir) throws IOException {
            Files.createDirectories(dir);
            StudyFiles.writeJson(dir.resolve("finetune.json"), report);
        }
    }

    /**
     * @param pretrained the pre-trained model (not modified: fine-tuning works on a copy with a new classifier)
     * @param tokenizer  its tokenizer
     * @param vocab      its vocab.txt, copied into the fine-tuned model's directory
     * @param identity   the model's identity in the report (e.g. its directory)
     * @param task       the task ({@link Tasks#load})
     * @param options    the study's options
     */
    public FineTuningStudy(BertModel pretrained, BertTokenizer tokenizer, Path vocab, String identity,
                           ClassificationTask task, Options options) {
        this(pretrained, tokenizer, vocab, identity, task, options, s -> {});
    }

    private FineTuningStudy(BertModel pretrained, BertTokenizer tokenizer, Path vocab, String identity,
                            ClassificationTask task, Options options, Consumer<String> log) {
        this.pretrained = Objects.requireNonNull(pretrained, "pretrained");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.vocab = Objects.requireNonNull(vocab, "vocab");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.task = Objects.requireNonNull(task, "task");
        this.options = Objects.requireNonNull(options, "options");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** The same study reporting its progress (sizes, baselines, updates, epochs, tests) as lines to {@code log}. */
    public FineTuningStudy withLog(Consumer<String> log) {
        return new FineTuningStudy(pretrained, tokenizer, vocab, identity, task, options, log);
    }

    /** The options. */
    public Options options() { return options; }

    /**
     * Computes the baselines, then trains (or resumes) to the end or to {@link Options#stopAfter()}; when complete,
     * saves the fine-tuned model in {@code out/model} and runs the paired tests.
     */
    public Result run(Path out) throws IOException {
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        Prepared p = prepare();
        Path ckptDir = out.resolve("checkpoints");
        Trainer trainer;
        Path latest = options.resume() ? Checkpoints.latest(ckptDir) : null;
        if (options.resume() && latest == null) throw new IllegalArgumentException("--resume: no checkpoint in " + ckptDir);
        if (latest != null) {
            log.accept("resuming from " + latest);
            trainer = Trainer.resume(latest, DataType.FLOAT);
        } else {
            long seed = options.training().seed();
            BertModel model = options.randomInit()
                    ? RandomInitialisation.classifier(pretrained.config(), task.labels().size(), seed, padId(),
                            LoadOptions.of(pretrained.dataType()).withHiddenAct(pretrained.weights().gelu().hiddenAct()))
                    : ModelParameters.withNewClassifier(pretrained, task.labels().size(), seed);
            trainer = Trainer.start(model, options.training(), task.labels(), vocab);
        }
        trainer.stopAfter(options.stopAfter());
        log.accept(String.format("fine-tuning %,d parameters: %d epochs, batch %d, lr %.2g", trainer.parameters().count(),
                trainer.config().epochs(), trainer.config().batchSize(), trainer.config().learningRate()));
        boolean done = trainer.train(p.train, p.dev, ckptDir, new TrainingProgress(log));
        ObjectNode report = p.report;
        report.putPOJO("config", trainer.config());
        ArrayNode per = report.putArray("dev_score_per_epoch");
        trainer.devScores().forEach(per::add);
        report.put("updates", trainer.step());
        report.put("complete", done);
        report.put("seconds", (System.nanoTime() - t0) / 1e9);
        Path modelDir = out.resolve("model");
        double fin = Double.NaN;
        Map<String, McNemar> tests = new LinkedHashMap<>();
        if (done) {
            trainer.saveModel(modelDir);
            fin = trainer.devScores().get(trainer.devScores().size() - 1);
            report.put(task.regression() ? "dev_negative_mse" : "finetuned_dev_accuracy", fin);
            if (!task.regression()) tests = pairedTests(BertModel.load(modelDir), p, report);
        }
        return new Result(report, done, trainer.step(), fin, p.baselines, tests, modelDir);
    }

    /**
     * Evaluates the fine-tuned {@code out/model} of a finished run with the same task options against the baselines,
     * with paired McNemar tests; the report is {@code out/finetune.json}'s (when there) updated with them.
     */
    public Result evaluate(Path out) throws IOException {
        if (task.regression()) {
            throw new IllegalArgumentException("--evaluate-only compares classifiers; " + task.name() + " is a regression task");
        }
        Path modelDir = out.resolve("model");
        if (!Files.isRegularFile(modelDir.resolve("config.json"))) {
            throw new IllegalArgumentException("--evaluate-only: no fine-tuned model in " + modelDir + " (run finetune first)");
        }
        Prepared p = prepare();
        Path reportFile = out.resolve("finetune.json");
        ObjectNode merged = Files.isRegularFile(reportFile) ? (ObjectNode) StudyFiles.JSON.readTree(reportFile.toFile()) : p.report;
        merged.setAll(p.report);
        Map<String, McNemar> tests = pairedTests(BertModel.load(modelDir), p, merged);
        return new Result(merged, true, 0, Double.NaN, p.baselines, tests, modelDir);
    }

    /**
     * Exact McNemar test of two finished runs on the same dev examples (e.g. a random-init run against a pre-trained
     * one), from the {@code dev_gold_labels} and {@code finetuned_dev_predictions} of their {@code finetune.json}
     * reports; A is {@code run}, B is {@code other}, and the test is added to {@code run}'s {@code paired_tests} as
     * {@code finetuned_vs_other_run}.
     *
     * @throws IllegalArgumentException when a report has no predictions or the two were evaluated on different dev
     *                                  examples (labels differ)
     */
    public static McNemar pairWithRun(ObjectNode run, JsonNode other, String otherName) {
        int[] gold = ints(run, "dev_gold_labels", "this run"), otherGold = ints(other, "dev_gold_labels", otherName);
        if (!java.util.Arrays.equals(gold, otherGold)) {
            throw new IllegalArgumentException(otherName + " was evaluated on other dev examples (" + otherGold.length
                    + " gold labels, this run " + gold.length + "): use the same task, --seed, --max-dev and --max-length");
        }
        int[] a = ints(run, "finetuned_dev_predictions", "this run"), b = ints(other, "finetuned_dev_predictions", otherName);
        McNemar m = McNemar.of(gold, a, b);
        ObjectNode tests = run.has("paired_tests") ? (ObjectNode) run.get("paired_tests") : run.putObject("paired_tests");
        tests.putObject("finetuned_vs_other_run").put("other_run", otherName).put("other_init", other.path("init").asText("pre-trained"))
                .put("other_dev_accuracy", FrozenEncoderBaseline.accuracy(b, gold))
                .put("this_only_correct", m.aOnly()).put("other_only_correct", m.bOnly()).put("mcnemar_exact_p", m.pValue());
        return m;
    }

    private static int[] ints(JsonNode report, String field, String what) {
        JsonNode a = report.path(field);
        if (!a.isArray() || a.isEmpty()) {
            throw new IllegalArgumentException(what + " has no '" + field + "' (a finished classification run of this version writes it)");
        }
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt();
        return out;
    }

    /** The [PAD] id whose embedding row a random initialisation keeps zero (-1 when the vocabulary has none). */
    private int padId() {
        return tokenizer.vocabulary().contains(Vocabulary.PAD) ? tokenizer.vocabulary().id(Vocabulary.PAD) : -1;
    }

    /** The encoded splits, the report's first fields and the baselines. */
    private static final class Prepared {
        List<TrainingExample> train, dev;
        final ObjectNode report = StudyFiles.JSON.createObjectNode();
        final Map<String, Double> baselines = new LinkedHashMap<>();
        /** Dev predictions of the frozen baselines by name, for the paired tests. */
        final Map<String, int[]> baselinePredictions = new LinkedHashMap<>();
    }

    private Prepared prepare() {
        Prepared p = new Prepared();
        long seed = options.training().seed();
        int maxLength = options.maxLength();
        TaskEncoder enc = new TaskEncoder(tokenizer, maxLength, options.truncate());
        TaskEncoder.Encoded trainEnc = enc.encodeAll(task, Tasks.subset(task.train(), options.maxTrain(), seed));
        TaskEncoder.Encoded devEnc = enc.encodeAll(task, Tasks.subset(task.dev(), options.maxDev(), seed + 1));
        p.train = trainEnc.examples();
        p.dev = devEnc.examples();
        log.accept(String.format("task %s: %d labels, train %d (skipped %d over %d pieces), dev %d (skipped %d)", task.name(),
                task.labels().size(), p.train.size(), trainEnc.skipped(), maxLength, p.dev.size(), devEnc.skipped()));
        ObjectNode report = p.report;
        report.put("task", task.name());
        report.put("model", identity);
        report.putPOJO("labels", task.labels());
        report.put("train_examples", p.train.size());
        report.put("train_skipped_too_long", trainEnc.skipped());
        report.put("dev_examples", p.dev.size());
        report.put("dev_skipped_too_long", devEnc.skipped());
        report.put("max_length", maxLength);
        report.put("init", options.randomInit() ? "random: N(0, " + RandomInitialisation.STD + "^2) weights, seed " + seed
                : "pre-trained");
        if (!task.regression()) {
            double maj = FrozenEncoderBaseline.majorityAccuracy(p.train, p.dev, task.labels().size());
            report.put("majority_baseline_accuracy", maj);
            p.baselines.put("majority", maj);
            log.accept(String.format("majority-class baseline: dev accuracy %.4f", maj));
            if (options.frozenBaseline()) frozenBaseline(p);
        }
        return p;
    }

    private void frozenBaseline(Prepared p) {
        int labels = task.labels().size();
        // the starting point of fine-tuning (pre-trained encoder, the seeded new classifier) scored as it is: the
        // closest reading of the paper's "pre-trained BERT alone without fine-tuning"
        BertModel start = ModelParameters.withNewClassifier(pretrained, labels, options.training().seed());
        int[] startPred = ClassifierEvaluation.predict(start, p.dev, 32, TraceOptions.none());
        double startAcc = FrozenEncoderBaseline.accuracy(startPred, FrozenEncoderBaseline.labels(p.dev));
        p.report.put("pretrained_untrained_head_accuracy", startAcc);
        p.baselines.put("pretrained_untrained_head", startAcc);
        log.accept(String.format("pre-trained encoder with the untrained classifier: dev accuracy %.4f", startAcc));
        log.accept("frozen-encoder baseline: encoding train and dev with the pre-trained model...");
        FrozenEncoderBaseline.Features ft = FrozenEncoderBaseline.features(pretrained, p.train, 32);
        FrozenEncoderBaseline.Features fd = FrozenEncoderBaseline.features(pretrained, p.dev, 32);
        int[] yt = FrozenEncoderBaseline.labels(p.train), yd = FrozenEncoderBaseline.labels(p.dev);
        frozen(p, "frozen_cls_logreg", "frozen [CLS]", ft.cls(), yt, fd.cls(), yd, labels);
        if (ft.pooled() != null) frozen(p, "frozen_pooled_logreg", "frozen pooled", ft.pooled(), yt, fd.pooled(), yd, labels);
    }

    private void frozen(Prepared p, String name, String what, double[][] xt, int[] yt, double[][] xd, int[] yd, int labels) {
        int[] pred = FrozenEncoderBaseline.logisticRegressionPredictions(xt, yt, xd, labels, 1e-2, 300);
        p.baselinePredictions.put(name, pred);
        double acc = FrozenEncoderBaseline.accuracy(pred, yd);
        p.report.put(name + "_accuracy", acc);
        p.baselines.put(name, acc);
        log.accept(String.format("%s + logistic regression: dev accuracy %.4f", what, acc));
    }

    /** Fine-tuned dev accuracy and an exact McNemar test against each frozen baseline on the same dev examples. */
    private Map<String, McNemar> pairedTests(BertModel finetuned, Prepared p, ObjectNode report) {
        int[] gold = FrozenEncoderBaseline.labels(p.dev);
        int[] pred = ClassifierEvaluation.predict(finetuned, p.dev, 32, TraceOptions.none());
        double acc = FrozenEncoderBaseline.accuracy(pred, gold);
        report.put("finetuned_dev_accuracy_evaluated", acc);
        ArrayNode goldJson = report.putArray("dev_gold_labels"), predJson = report.putArray("finetuned_dev_predictions");
        for (int i = 0; i < gold.length; i++) {
            goldJson.add(gold[i]);
            predJson.add(pred[i]);
        }
        // kept when re-evaluating: tests of an earlier report not recomputed now (e.g. --no-frozen-baseline) stay
        ObjectNode json = report.has("paired_tests") ? (ObjectNode) report.get("paired_tests") : report.putObject("paired_tests");
        Map<String, McNemar> tests = new LinkedHashMap<>();
        p.baselinePredictions.forEach((name, base) -> {
            McNemar m = McNemar.of(gold, pred, base);
            tests.put(name, m);
            json.putObject("finetuned_vs_" + name).put("finetuned_only_correct", m.aOnly())
                    .put("baseline_only_correct", m.bOnly()).put("mcnemar_exact_p", m.pValue());
            log.accept(String.format("fine-tuned %.4f vs %s %.4f: %d vs %d discordant, McNemar exact p = %.3g", acc, name,
                    FrozenEncoderBaseline.accuracy(base, gold), m.aOnly(), m.bOnly(), m.pValue()));
        });
        return tests;
    }
}
