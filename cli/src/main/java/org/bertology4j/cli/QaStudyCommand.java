package org.bertology4j.cli;

import org.bertology4j.analysis.qa.SquadReader;
import org.bertology4j.analysis.qa.study.QaStudy;
import org.bertology4j.analysis.qa.study.QaStudyResult;
import org.bertology4j.analysis.qa.train.QaPredictor;
import org.bertology4j.io.ModelIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code qa-study}: DeepLIFT per layer of a question-answering model's predicted start and end ({@link QaStudy}). */
@Command(name = "qa-study", mixinStandardHelpOptions = true, description = {
        "The question-answering study of arXiv 1910.06431: per question, exact DeepLIFT of the predicted start and end "
                + "logits back to h_0..h_12 (completeness residual), a figure per question (tokens coloured per layer, "
                + "question keywords and the answer marked), the shares of attribution per layer on the question, the "
                + "answer, [SEP], [CLS] and the rest of the context, clusters of questions by those profiles, and the "
                + "paper's claims tested. Resumable (run again after Ctrl-C). See docs/qa.md."})
public final class QaStudyCommand implements Callable<Integer> {
    @Mixin ModelOption modelOption;
    @Mixin OutputDirectory output;
    @Mixin QaWindowOptions qa;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "SQuAD 1.1 or 2.0 JSON with the questions.") Path data;
    @Option(names = "--limit", defaultValue = "-1", description = "A seeded random subset of N questions (default: all).") int limit;
    @Option(names = "--seed", defaultValue = "42", description = "Seeds the subset and the clustering. Default: ${DEFAULT-VALUE}.") long seed;
    @Option(names = "--figures", defaultValue = "-1", description = "Per-question figures for the first N questions (default: all).") int figures;
    @Option(names = "--checkpoint-seconds", defaultValue = "60", description = "Seconds between checkpoints. Default: ${DEFAULT-VALUE}.") int checkpointSeconds;

    @Override
    public Integer call() throws Exception {
        var dataset = SquadReader.readFile(data);
        LoadedModel m = LoadedModel.open(modelOption);
        QaPredictor predictor = new QaPredictor(m.model(), qa.windows(m.tokenizer(), m.model().config().maxPositionEmbeddings()),
                qa.decoder(), 8);
        QaStudy.Options options = new QaStudy.Options(limit, seed, figures, Duration.ofSeconds(checkpointSeconds));
        QaStudyResult r = new QaStudy(predictor, m.model(), m.tokenizer().vocabulary(), ModelIdentity.of(m.directory().path()).fields(), options)
                .run(data, dataset, output.out, CorpusProgress.listener(), true);
        long holds = r.claims().stream().filter(QaStudyResult.Claim::holds).count();
        System.out.printf("%d questions; %d of %d claims hold; wrote %s%n", r.questions().size(), holds, r.claims().size(),
                output.out.resolve("qa-study.md"));
        return 0;
    }
}
