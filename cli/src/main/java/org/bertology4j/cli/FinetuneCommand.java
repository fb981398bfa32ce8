package org.bertology4j.cli;

import org.bertology4j.analysis.kovaleva.FineTuningStudy;
import org.bertology4j.analysis.kovaleva.McNemar;
import org.bertology4j.analysis.tasks.ClassificationTask;
import org.bertology4j.core.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code finetune}: trains a sequence classifier (whole encoder) on a task and reports dev accuracy beside
 * the majority-class and frozen-encoder baselines. Output: {@code OUT/model} (a Hugging Face
 * BertForSequenceClassification directory), {@code OUT/checkpoints/step-N} (resumable), {@code OUT/finetune.json}.
 * The study is {@link FineTuningStudy}; this command parses its options.
 */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = "Fine-tune BERT for sentence (pair) classification (Kovaleva et al. 2019 setup) with baselines.")
public final class FinetuneCommand implements Callable<Integer> {
    @Mixin ModelOption modelOption;

    @Mixin TaskOptions taskOptions;
    @Mixin OptimizerOptions optimizer;
    @Option(names = "--epochs", defaultValue = "3") int epochs;
    @Option(names = "--batch-size", defaultValue = "32") int batchSize;
    @Option(names = "--lr", defaultValue = "2e-5") double lr;
    @Option(names = "--dropout", defaultValue = "0.1", description = "Dropout on the pooled output. Default: ${DEFAULT-VALUE}.") double dropout;
    @Option(names = "--max-length", defaultValue = "128", description = "Longest input in pieces; longer ones are skipped (or cut with --truncate).") int maxLength;
    @Option(names = "--truncate", description = "Cut long inputs instead of skipping them.") boolean truncate;
    @Option(names = "--max-train", defaultValue = "-1", description = "Use a seeded random subset of N training examples.") int maxTrain;
    @Option(names = "--max-dev", defaultValue = "-1", description = "Use a seeded random subset of N dev examples.") int maxDev;
    @Option(names = "--resume", description = "Continue from the newest checkpoint in OUT/checkpoints.") boolean resume;
    @Option(names = "--no-frozen-baseline", description = "Skip the frozen-encoder logistic-regression baseline.") boolean noFrozen;
    @Option(names = "--random-init", description = "Fine-tune from BERT's random initialisation (weights N(0, 0.02^2), "
            + "drawn from --seed) instead of the pre-trained weights: Kovaleva et al.'s baseline. The frozen baselines still "
            + "use the pre-trained model (skip them with --no-frozen-baseline).") boolean randomInit;
    @Option(names = "--paired-with", description = "Another finished run's finetune.json on the same dev examples: adds an "
            + "exact McNemar test of this run against it (paired_tests.finetuned_vs_other_run).") Path pairedWith;
    @Option(names = "--evaluate-only", description = "Do not train: evaluate OUT/model (a finished run with the same "
            + "task options) against the baselines, with paired McNemar tests, and update OUT/finetune.json.") boolean evaluateOnly;

    @Override
    public Integer call() throws Exception {
        ClassificationTask t = taskOptions.load();
        long seed = taskOptions.seed;
        Path out = taskOptions.output.out;
        LoadedModel pre = LoadedModel.open(modelOption);
        TrainingConfig training = new TrainingConfig(epochs, batchSize, lr, optimizer.warmup, optimizer.weightDecay, optimizer.clip, dropout, seed,
                optimizer.checkpointEvery, -1);
        FineTuningStudy.Options options = new FineTuningStudy.Options(training, maxLength, truncate, maxTrain, maxDev, optimizer.stopAfter,
                resume, !noFrozen, randomInit);
        FineTuningStudy study = new FineTuningStudy(pre.model(), pre.tokenizer(), pre.directory().vocab(), pre.identity(), t, options)
                .withLog(System.err::println);
        if (evaluateOnly) {
            FineTuningStudy.Result ev = study.evaluate(out);
            pair(ev);
            ev.write(out);
            System.out.println("wrote " + out.resolve("finetune.json"));
            return 0;
        }
        FineTuningStudy.Result r = study.run(out);
        if (r.complete()) pair(r);
        if (r.complete()) {
            System.out.printf("fine-tuned dev %s %.4f (model in %s)%n", t.regression() ? "-MSE" : "accuracy", r.devScore(), r.modelDir());
        } else {
            System.out.println("stopped after " + r.updates() + " updates; continue with --resume");
        }
        r.write(out);
        return 0;
    }

    /** Adds the McNemar test against {@code --paired-with}, named by its directory (the file's name when not finetune.json). */
    private void pair(FineTuningStudy.Result r) throws java.io.IOException {
        if (pairedWith == null) return;
        Path file = pairedWith.toAbsolutePath().normalize();
        String name = file.getFileName().toString().equals("finetune.json") && file.getParent() != null
                ? file.getParent().getFileName().toString() : file.getFileName().toString();
        McNemar m = FineTuningStudy.pairWithRun(r.report(), Json.MAPPER.readTree(file.toFile()), name);
        System.err.printf("against %s: %d vs %d discordant, McNemar exact p = %.3g%n", name, m.aOnly(), m.bOnly(), m.pValue());
    }
}
