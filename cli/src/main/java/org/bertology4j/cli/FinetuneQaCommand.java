package org.bertology4j.cli;

import org.bertology4j.analysis.qa.SquadDataset;
import org.bertology4j.analysis.qa.SquadReader;
import org.bertology4j.analysis.qa.train.QaFineTuning;
import org.bertology4j.core.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code finetune-qa}: fine-tunes BERT for extractive question answering on SQuAD 1.1 / 2.0 JSON and evaluates it on a
 * dev file ({@link QaFineTuning}; this command parses its options). OUT becomes a Hugging Face
 * BertForQuestionAnswering directory with predictions.json, null_odds.json, qa-eval.json and checkpoints/ (a run
 * resumes from the newest one).
 */
@Command(name = "finetune-qa", mixinStandardHelpOptions = true, description = {
        "Fine-tune BERT for question answering (SQuAD 1.1 / 2.0 JSON; no-answer through [CLS]; windows with a stride) "
                + "and evaluate it with SQuAD's exact match and F1.",
        "OUT becomes a Hugging Face BertForQuestionAnswering directory (config.json, model.safetensors, vocab.txt) with "
                + "predictions.json, null_odds.json and qa-eval.json; OUT/checkpoints (--checkpoint-every N updates) makes it resumable (run the same "
                + "command again). See docs/qa.md."})
public final class FinetuneQaCommand implements Callable<Integer> {
    @Mixin ModelOption modelOption;
    @Mixin OutputDirectory output;
    @Mixin QaWindowOptions qa;
    @Mixin OptimizerOptions optimizer;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "SQuAD 1.1 or 2.0 JSON to train on.")
    Path train;
    @Option(names = "--dev", required = true, paramLabel = "FILE", description = "SQuAD 1.1 or 2.0 JSON to evaluate on.")
    Path dev;
    @Option(names = "--epochs", defaultValue = "2") int epochs;
    @Option(names = "--batch", defaultValue = "16", description = "Windows per update. Default: ${DEFAULT-VALUE}.") int batch;
    @Option(names = "--lr", defaultValue = "3e-5") double lr;
    @Option(names = "--seed", defaultValue = "42", description = "Seeds the head, the batches and the subsets. Default: ${DEFAULT-VALUE}.") long seed;
    @Option(names = "--limit-train", defaultValue = "-1", description = "Train on a seeded random subset of N questions.") int limitTrain;
    @Option(names = "--limit-dev", defaultValue = "-1", description = "Evaluate on a seeded random subset of N questions.") int limitDev;
    @Option(names = "--frozen-encoder", description = "Train only qa_outputs on the frozen pre-trained encoder (the baseline).") boolean frozen;

    @Override
    public Integer call() throws Exception {
        SquadDataset trainSet = SquadReader.readFile(train), devSet = SquadReader.readFile(dev);
        LoadedModel pre = LoadedModel.open(modelOption);
        TrainingConfig training = new TrainingConfig(epochs, batch, lr, optimizer.warmup, optimizer.weightDecay, optimizer.clip, 0.0,
                seed, optimizer.checkpointEvery, -1);
        QaFineTuning.Options options = new QaFineTuning.Options(training, qa.maxSeqLength, qa.docStride, qa.maxQueryLength, limitTrain,
                limitDev, frozen, optimizer.stopAfter, qa.decoder());
        QaFineTuning.Result r = new QaFineTuning(pre.model(), pre.tokenizer(), pre.directory().vocab(), pre.identity(), options)
                .withLog(System.err::println).run(trainSet, devSet, output.out);
        if (!r.complete()) {
            System.out.println("stopped after " + r.updates() + " updates; run the same command again to continue");
            return 0;
        }
        System.out.printf("dev exact %.2f F1 %.2f; model, predictions and qa-eval.json in %s%n", r.scores().exact(),
                r.scores().f1(), output.out);
        return 0;
    }
}
