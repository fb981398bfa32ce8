package org.bertology4j.analysis.qa.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bertology4j.analysis.qa.SquadArticle;
import org.bertology4j.analysis.qa.SquadDataset;
import org.bertology4j.analysis.qa.SquadParagraph;
import org.bertology4j.analysis.qa.SquadQuestion;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.train.TrainingConfig;
import org.bertology4j.distributed.TinyModelDirectory;
import org.bertology4j.tokenizer.BertTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** QA fine-tuning from Java on a tiny model: the output directory, resuming, evaluation files, loading the result. */
class QaFineTuningTest {
    @TempDir
    Path tmp;

    static SquadDataset data() {
        SquadParagraph p = new SquadParagraph(QaWindowsTest.CONTEXT, List.of(
                QaWindowsTest.question("a1", "Who moved to Zürich?", "Zoë"),
                QaWindowsTest.question("a2", "When did the café close?", "2003"),
                QaWindowsTest.question("a3", "Where was the café?", "near the Limmat"),
                new SquadQuestion("n1", "Who founded the bakery?", List.of(), true, List.of())));
        return new SquadDataset(SquadDataset.V2, List.of(new SquadArticle("cafe", List.of(p))));
    }

    @Test
    void fineTunesResumesWritesAQuestionAnsweringDirectoryAndEvaluates() throws Exception {
        Path pre = TinyModelDirectory.write(tmp.resolve("pre"), 3);
        BertModel model = BertModel.load(pre);
        BertTokenizer tok = BertTokenizer.fromModelDirectory(pre);
        QaFineTuning.Options options = QaFineTuning.Options.defaults(5)
                .withTraining(new TrainingConfig(2, 2, 1e-3, 0.1, 0.01, 1.0, 0.0, 5, 1, -1)).withWindows(32, 8);
        Path out = tmp.resolve("qa");
        List<String> log = new ArrayList<>();
        QaFineTuning first = new QaFineTuning(model, tok, pre.resolve("vocab.txt"), "tiny", options.withStopAfter(2)).withLog(log::add);
        QaFineTuning.Result stopped = first.run(data(), data(), out);
        assertFalse(stopped.complete());
        assertEquals(2, stopped.updates());
        assertFalse(Files.exists(out.resolve("model.safetensors")), "no model before training is complete");

        int windows = first.examples(data()).size();
        assertTrue(windows > 4, "the 32-piece windows cut the context: " + windows);
        QaFineTuning.Result r = new QaFineTuning(model, tok, pre.resolve("vocab.txt"), "tiny", options).withLog(log::add)
                .run(data(), data(), out);
        assertTrue(r.complete());
        assertEquals(2L * ((windows + 1) / 2), r.updates(), "two epochs of batches of 2, the first 2 updates resumed");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("resuming from checkpoints")), log.toString());

        JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertEquals("BertForQuestionAnswering", config.path("architectures").get(0).asText());
        for (String f : List.of("model.safetensors", "vocab.txt", "predictions.json", "null_odds.json", "qa-eval.json")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        JsonNode eval = new ObjectMapper().readTree(out.resolve("qa-eval.json").toFile());
        assertEquals(r.scores().exact(), eval.path("dev").path("exact").asDouble(), 0);
        assertEquals(4, eval.path("dev").path("total").asInt());
        assertEquals(3, eval.path("dev").path("HasAns_total").asInt());
        assertTrue(eval.path("dev").has("best_f1"), "best thresholds over the null odds");
        assertTrue(eval.path("train_examples_per_second_this_run").isNumber(), "a run that trained reports its rate");

        // the same command once more: nothing left to train, it only evaluates, and reports no rate (not "NaN")
        QaFineTuning.Result evalOnly = new QaFineTuning(model, tok, pre.resolve("vocab.txt"), "tiny", options).run(data(), data(), out);
        assertEquals(r.updates(), evalOnly.updates());
        assertEquals(r.scores().exact(), evalOnly.scores().exact(), 0);
        assertTrue(new ObjectMapper().readTree(out.resolve("qa-eval.json").toFile()).path("train_examples_per_second_this_run").isNull());

        // the directory loads as a question-answering model and answers as the run's predictions say
        BertModel back = BertModel.load(out);
        QaPredictor predictor = new QaPredictor(back, new QaWindows(tok, 32, 8, 64), SpanDecoder.defaults(), 4);
        Map<String, QaPrediction> again = predictor.predict(data(), null);
        JsonNode predictions = new ObjectMapper().readTree(out.resolve("predictions.json").toFile());
        for (String id : List.of("a1", "a2", "a3", "n1")) assertEquals(predictions.path(id).asText(), again.get(id).text(), id);
        QaPrediction one = predictor.answer("Who moved to Zürich?", QaWindowsTest.CONTEXT);
        assertEquals(again.get("a1").nullScore(), one.nullScore(), 1e-5);

        // a model without a span head cannot answer
        BertModel classifier = org.bertology4j.core.train.ModelParameters.withNewClassifier(model, 2, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new QaPredictor(classifier, new QaWindows(tok, 32, 8, 64), SpanDecoder.defaults(), 4));
        assertTrue(e.getMessage().contains("qa_outputs"), e.getMessage());
    }

    @Test
    void aFrozenEncoderRunCannotResumeAWholeModelRun() throws Exception {
        Path pre = TinyModelDirectory.write(tmp.resolve("pre"), 4);
        BertModel model = BertModel.load(pre);
        BertTokenizer tok = BertTokenizer.fromModelDirectory(pre);
        QaFineTuning.Options options = QaFineTuning.Options.defaults(5)
                .withTraining(new TrainingConfig(1, 2, 1e-3, 0.1, 0.01, 1.0, 0.0, 5, 1, -1)).withWindows(32, 8).withStopAfter(1);
        Path out = tmp.resolve("qa");
        new QaFineTuning(model, tok, null, "tiny", options).run(data(), data(), out);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new QaFineTuning(model, tok, null, "tiny", options.withFrozenEncoder(true)).run(data(), data(), out));
        assertTrue(e.getMessage().contains("HEAD_ONLY"), e.getMessage());
    }
}
