package org.bertology4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.analysis.kovaleva.FrozenEncoderBaseline;
import org.bertology4j.analysis.kovaleva.McNemar;
import org.bertology4j.analysis.tasks.ClassificationTask;
import org.bertology4j.analysis.tasks.TaskEncoder;
import org.bertology4j.analysis.tasks.TaskExample;
import org.bertology4j.analysis.tasks.Tasks;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.train.Checkpoints;
import org.bertology4j.core.train.ModelParameters;
import org.bertology4j.core.train.Trainer;
import org.bertology4j.core.train.TrainingConfig;
import org.bertology4j.core.train.TrainingExample;
import org.bertology4j.core.train.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code finetune}: trains a sequence classifier (whole encoder) on a task and reports dev accuracy beside
 * the majority-class and frozen-encoder baselines. Output: {@code OUT/model} (a Hugging Face
 * BertForSequenceClassification directory), {@code OUT/checkpoints/step-N} (resumable), {@code OUT/finetune.json}.
 */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = "Fine-tune BERT for sentence (pair) classification (Kovaleva et al. 2019 setup) with baselines.")
public final class FinetuneCommand implements Callable<Integer> {
    @Mixin ModelOption modelOption;

    @Option(names = "--task", required = true, description = "gum-genre, gum-next, or a GLUE task (mrpc, sst-2, rte, qnli, qqp, mnli, sts-b).")
    String task;
    @Option(names = "--gum", defaultValue = "../shared/data/ud-english-gum", description = "GUM directory. Default: ${DEFAULT-VALUE}.")
    Path gum;
    @Option(names = "--glue", description = "Directory of the GLUE task's TSV files (train.tsv, dev.tsv).")
    Path glue;
    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;
    @Option(names = "--epochs", defaultValue = "3") int epochs;
    @Option(names = "--batch-size", defaultValue = "32") int batchSize;
    @Option(names = "--lr", defaultValue = "2e-5") double lr;
    @Option(names = "--warmup", defaultValue = "0.1", description = "Warm-up share of the updates. Default: ${DEFAULT-VALUE}.") double warmup;
    @Option(names = "--weight-decay", defaultValue = "0.01") double weightDecay;
    @Option(names = "--clip", defaultValue = "1.0", description = "Global gradient-norm clip. Default: ${DEFAULT-VALUE}.") double clip;
    @Option(names = "--dropout", defaultValue = "0.1", description = "Dropout on the pooled output. Default: ${DEFAULT-VALUE}.") double dropout;
    @Option(names = "--seed", defaultValue = "42") long seed;
    @Option(names = "--max-length", defaultValue = "128", description = "Longest input in pieces; longer ones are skipped (or cut with --truncate).") int maxLength;
    @Option(names = "--truncate", description = "Cut long inputs instead of skipping them.") boolean truncate;
    @Option(names = "--max-train", defaultValue = "-1", description = "Use a seeded random subset of N training examples.") int maxTrain;
    @Option(names = "--max-dev", defaultValue = "-1", description = "Use a seeded random subset of N dev examples.") int maxDev;
    @Option(names = "--checkpoint-every", defaultValue = "0", description = "Checkpoint every N updates (0: each epoch).") int checkpointEvery;
    @Option(names = "--stop-after", defaultValue = "-1", description = "Stop after N updates in total (resume later with --resume).") long stopAfter;
    @Option(names = "--resume", description = "Continue from the newest checkpoint in OUT/checkpoints.") boolean resume;
    @Option(names = "--no-frozen-baseline", description = "Skip the frozen-encoder logistic-regression baseline.") boolean noFrozen;
    @Option(names = "--evaluate-only", description = "Do not train: evaluate OUT/model (a finished run with the same "
            + "task options) against the baselines, with paired McNemar tests, and update OUT/finetune.json.") boolean evaluateOnly;

    /** Dev predictions of the frozen baselines by name, for the paired tests. */
    private final java.util.Map<String, int[]> baselinePredictions = new java.util.LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        ClassificationTask t = Tasks.load(task, gum, glue, seed);
        LoadedModel pre = LoadedModel.open(modelOption);
        TaskEncoder enc = new TaskEncoder(pre.tokenizer(), maxLength, truncate);
        TaskEncoder.Encoded trainEnc = enc.encodeAll(t, subset(t.train(), maxTrain, seed));
        TaskEncoder.Encoded devEnc = enc.encodeAll(t, subset(t.dev(), maxDev, seed + 1));
        List<TrainingExample> train = trainEnc.examples(), dev = devEnc.examples();
        System.err.printf("task %s: %d labels, train %d (skipped %d over %d pieces), dev %d (skipped %d)%n", t.name(),
                t.labels().size(), train.size(), trainEnc.skipped(), maxLength, dev.size(), devEnc.skipped());

        ObjectNode report = Json.MAPPER.createObjectNode();
        report.put("task", t.name());
        report.put("model", pre.identity());
        report.putPOJO("labels", t.labels());
        report.put("train_examples", train.size());
        report.put("train_skipped_too_long", trainEnc.skipped());
        report.put("dev_examples", dev.size());
        report.put("dev_skipped_too_long", devEnc.skipped());
        report.put("max_length", maxLength);
        if (!t.regression()) {
            double maj = FrozenEncoderBaseline.majorityAccuracy(train, dev, t.labels().size());
            report.put("majority_baseline_accuracy", maj);
            System.err.printf("majority-class baseline: dev accuracy %.4f%n", maj);
            if (!noFrozen) frozenBaseline(pre.model(), train, dev, t.labels().size(), report);
        }

        if (evaluateOnly) return evaluateOnly(t, dev, report);

        Path ckptDir = out.resolve("checkpoints");
        Trainer trainer;
        Path latest = resume ? Checkpoints.latest(ckptDir) : null;
        if (resume && latest == null) throw new IllegalArgumentException("--resume: no checkpoint in " + ckptDir);
        if (latest != null) {
            System.err.println("resuming from " + latest);
            trainer = Trainer.resume(latest, DataType.FLOAT);
        } else {
            BertModel model = ModelParameters.withNewClassifier(pre.model(), t.labels().size(), seed);
            TrainingConfig cfg = new TrainingConfig(epochs, batchSize, lr, warmup, weightDecay, clip, dropout, seed,
                    checkpointEvery, -1);
            trainer = Trainer.start(model, cfg, t.labels(), pre.directory().vocab());
        }
        trainer.stopAfter(stopAfter);
        System.err.printf("fine-tuning %,d parameters: %d epochs, batch %d, lr %.2g%n", trainer.parameters().count(),
                trainer.config().epochs(), trainer.config().batchSize(), trainer.config().learningRate());
        boolean done = trainer.train(train, dev, ckptDir, new Progress());
        report.putPOJO("config", trainer.config());
        ArrayNode per = report.putArray("dev_score_per_epoch");
        trainer.devScores().forEach(per::add);
        report.put("updates", trainer.step());
        report.put("complete", done);
        report.put("seconds", (System.nanoTime() - t0) / 1e9);
        if (done) {
            trainer.saveModel(out.resolve("model"));
            double fin = trainer.devScores().get(trainer.devScores().size() - 1);
            report.put(t.regression() ? "dev_negative_mse" : "finetuned_dev_accuracy", fin);
            if (!t.regression()) pairedTests(BertModel.load(out.resolve("model")), dev, report);
            System.out.printf("fine-tuned dev %s %.4f (model in %s)%n", t.regression() ? "-MSE" : "accuracy", fin, out.resolve("model"));
        } else {
            System.out.println("stopped after " + trainer.step() + " updates; continue with --resume");
        }
        Json.write(out.resolve("finetune.json"), report);
        return 0;
    }

    private void frozenBaseline(BertModel model, List<TrainingExample> train, List<TrainingExample> dev, int labels,
                                ObjectNode report) {
        System.err.println("frozen-encoder baseline: encoding train and dev with the pre-trained model...");
        FrozenEncoderBaseline.Features ft = FrozenEncoderBaseline.features(model, train, 32);
        FrozenEncoderBaseline.Features fd = FrozenEncoderBaseline.features(model, dev, 32);
        int[] yt = FrozenEncoderBaseline.labels(train), yd = FrozenEncoderBaseline.labels(dev);
        int[] clsPred = FrozenEncoderBaseline.logisticRegressionPredictions(ft.cls(), yt, fd.cls(), labels, 1e-2, 300);
        baselinePredictions.put("frozen_cls_logreg", clsPred);
        double cls = FrozenEncoderBaseline.accuracy(clsPred, yd);
        report.put("frozen_cls_logreg_accuracy", cls);
        System.err.printf("frozen [CLS] + logistic regression: dev accuracy %.4f%n", cls);
        if (ft.pooled() != null) {
            int[] pooledPred = FrozenEncoderBaseline.logisticRegressionPredictions(ft.pooled(), yt, fd.pooled(), labels, 1e-2, 300);
            baselinePredictions.put("frozen_pooled_logreg", pooledPred);
            double pooled = FrozenEncoderBaseline.accuracy(pooledPred, yd);
            report.put("frozen_pooled_logreg_accuracy", pooled);
            System.err.printf("frozen pooled + logistic regression: dev accuracy %.4f%n", pooled);
        }
    }

    /** {@code --evaluate-only}: the fine-tuned OUT/model against the baselines computed above; merges into finetune.json. */
    private int evaluateOnly(ClassificationTask t, List<TrainingExample> dev, ObjectNode report) throws IOException {
        if (t.regression()) throw new IllegalArgumentException("--evaluate-only compares classifiers; " + t.name() + " is a regression task");
        Path modelDir = out.resolve("model");
        if (!Files.isRegularFile(modelDir.resolve("config.json"))) {
            throw new IllegalArgumentException("--evaluate-only: no fine-tuned model in " + modelDir + " (run finetune first)");
        }
        Path reportFile = out.resolve("finetune.json");
        ObjectNode merged = Files.isRegularFile(reportFile) ? (ObjectNode) Json.MAPPER.readTree(reportFile.toFile()) : report;
        merged.setAll(report);
        pairedTests(BertModel.load(modelDir), dev, merged);
        Json.write(reportFile, merged);
        System.out.println("wrote " + reportFile);
        return 0;
    }

    /** Fine-tuned dev accuracy and an exact McNemar test against each frozen baseline on the same dev examples. */
    private void pairedTests(BertModel finetuned, List<TrainingExample> dev, ObjectNode report) {
        int[] gold = FrozenEncoderBaseline.labels(dev);
        int[] pred = org.bertology4j.core.train.ClassifierEvaluation.predict(finetuned, dev, 32,
                org.bertology4j.core.model.TraceOptions.none());
        double acc = FrozenEncoderBaseline.accuracy(pred, gold);
        report.put("finetuned_dev_accuracy_evaluated", acc);
        ObjectNode tests = report.putObject("paired_tests");
        baselinePredictions.forEach((name, base) -> {
            McNemar m = McNemar.of(gold, pred, base);
            tests.putObject("finetuned_vs_" + name).put("finetuned_only_correct", m.aOnly())
                    .put("baseline_only_correct", m.bOnly()).put("mcnemar_exact_p", m.pValue());
            System.err.printf("fine-tuned %.4f vs %s %.4f: %d vs %d discordant, McNemar exact p = %.3g%n", acc, name,
                    FrozenEncoderBaseline.accuracy(base, gold), m.aOnly(), m.bOnly(), m.pValue());
        });
    }

    static List<TaskExample> subset(List<TaskExample> all, int n, long seed) {
        if (n < 0 || n >= all.size()) return all;
        List<TaskExample> copy = new ArrayList<>(all);
        Collections.shuffle(copy, new Random(seed));
        return copy.subList(0, n);
    }

    /** Prints a progress line every few updates: loss, examples/s, time left. */
    private static final class Progress implements TrainingListener {
        private long lastPrint;

        @Override
        public void onStep(long step, long total, double loss, double rate, double secondsLeft) {
            long now = System.nanoTime();
            if (step == total || now - lastPrint > 10e9 || step <= 3) {
                lastPrint = now;
                System.err.printf("update %d/%d  loss %.4f  %.1f examples/s  %s left%n", step, total, loss, rate,
                        duration(secondsLeft));
            }
        }

        @Override
        public void onEpoch(int epoch, double score) {
            System.err.printf("epoch %d: dev score %.4f%n", epoch, score);
        }

        private static String duration(double s) {
            long x = Math.round(s);
            return x >= 3600 ? String.format("%dh%02dm", x / 3600, x / 60 % 60) : String.format("%dm%02ds", x / 60, x % 60);
        }
    }
}
