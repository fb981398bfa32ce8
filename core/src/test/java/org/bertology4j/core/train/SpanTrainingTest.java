package org.bertology4j.core.train;

import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.LoadOptions;
import org.bertology4j.core.heads.SpanLogits;
import org.bertology4j.weights.safetensors.SafetensorsReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trainer with the span head: learning, a frozen encoder, resuming, and the saved {@code BertForQuestionAnswering} directory. */
class SpanTrainingTest {

    /** Loss per update, recorded. */
    private static final class Losses implements TrainingListener {
        final List<Double> values = new ArrayList<>();

        @Override
        public void onStep(long step, long total, double loss, double rate, double left) { values.add(loss); }

        double mean(int from, int to) {
            return values.subList(from, to).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }
    }

    @Test
    void tinyModelLearnsASyntheticSpanTask() throws Exception {
        BertModel model = TrainingFixtures.tinySpanModel(1);
        List<TrainingExample> train = TrainingFixtures.spanTask(240, 2), dev = TrainingFixtures.spanTask(48, 3);
        TrainingHead span = TrainingHead.span();
        double trainBefore = span.devScore(model, train), devBefore = span.devScore(model, dev);
        TrainingConfig cfg = new TrainingConfig(10, 16, 3e-3, 0.1, 0.0, 1.0, 0.0, 7, 0, -1);
        Trainer t = Trainer.start(model, cfg, span, Trainer.Scope.WHOLE_MODEL, null);
        Losses losses = new Losses();
        assertTrue(t.train(train, dev, null, losses));
        int perEpoch = 15;
        double first = losses.mean(0, perEpoch), last = losses.mean(losses.values.size() - perEpoch, losses.values.size());
        double trainAfter = span.devScore(model, train), devAfter = span.devScore(model, dev);
        assertTrue(trainBefore < 0.4 && devBefore < 0.4, "untrained span accuracy " + trainBefore + " / " + devBefore);
        assertTrue(last < 0.2 * first, "loss of the last epoch " + last + " vs the first " + first);
        assertTrue(trainAfter >= 0.9, "train span accuracy " + trainAfter + " (before " + trainBefore + ")");
        assertTrue(devAfter >= 0.8, "held-out span accuracy " + devAfter + " (before " + devBefore + ")");
        assertEquals(devAfter, t.devScores().get(t.devScores().size() - 1), 0.0);
    }

    @Test
    void headOnlyTrainsTheSpanHeadAndLeavesTheEncoder() throws Exception {
        BertModel model = TrainingFixtures.tinySpanModel(4);
        BertModel untouched = TrainingFixtures.tinySpanModel(4);
        List<TrainingExample> train = TrainingFixtures.spanTask(32, 5);
        Trainer t = Trainer.start(model, new TrainingConfig(10, 8, 1e-2, 0.1, 0.01, 1.0, 0.0, 3, 0, -1),
                TrainingHead.span(), Trainer.Scope.HEAD_ONLY, null);
        assertEquals(List.of("qa_outputs.weightT", "qa_outputs.bias"), t.parameters().list().stream().map(Parameter::name).toList());
        Losses losses = new Losses();
        assertTrue(t.train(train, null, null, losses));
        assertTrue(losses.mean(36, 40) < losses.mean(0, 4), "head-only loss should fall: " + losses.values);
        List<Parameter> all = new ModelParameters(model, TrainingHead.span(), false).list();
        List<Parameter> before = new ModelParameters(untouched, TrainingHead.span(), false).list();
        for (int i = 0; i < all.size(); i++) {
            double[] a = all.get(i).value().dup().data().asDouble(), b = before.get(i).value().dup().data().asDouble();
            if (all.get(i).name().startsWith("qa_outputs")) assertFalse(java.util.Arrays.equals(a, b), all.get(i).name() + " should change");
            else assertArrayEquals(b, a, 0.0, all.get(i).name() + " should stay frozen");
        }
    }

    @Test
    void resumedSpanRunEqualsUninterruptedRun(@TempDir Path dir) throws Exception {
        List<TrainingExample> train = TrainingFixtures.spanTask(20, 6);
        TrainingConfig cfg = new TrainingConfig(2, 6, 1e-3, 0.2, 0.01, 0.5, 0.0, 99, 0, -1);
        Trainer full = Trainer.start(TrainingFixtures.tinySpanModel(7), cfg, TrainingHead.span(), Trainer.Scope.WHOLE_MODEL, null);
        assertTrue(full.train(train, train, null, TrainingListener.none()));
        Trainer first = Trainer.start(TrainingFixtures.tinySpanModel(7), cfg, TrainingHead.span(), Trainer.Scope.WHOLE_MODEL, null)
                .stopAfter(5);
        assertFalse(first.train(train, train, dir, TrainingListener.none()));
        Path ckpt = Checkpoints.latest(dir);
        assertNotNull(ckpt);
        Trainer resumed = Trainer.resume(ckpt, DataType.DOUBLE);
        assertEquals(TrainingHead.span(), resumed.head());
        assertEquals(Trainer.Scope.WHOLE_MODEL, resumed.scope());
        assertTrue(resumed.train(train, train, dir, TrainingListener.none()));
        List<Parameter> pa = full.parameters().list(), pb = resumed.parameters().list();
        assertEquals(pa.size(), pb.size());
        for (int i = 0; i < pa.size(); i++) {
            assertArrayEquals(pa.get(i).value().dup().data().asDouble(), pb.get(i).value().dup().data().asDouble(), 0.0, pa.get(i).name());
        }
        assertEquals(full.devScores(), resumed.devScores());
    }

    @Test
    void savedSpanModelIsAHuggingFaceQuestionAnsweringDirectory(@TempDir Path dir) throws Exception {
        BertModel m = TrainingFixtures.tinySpanModel(8);
        Path vocabDir = Files.createDirectories(dir.resolve("pretrained"));
        StringBuilder vocab = new StringBuilder();
        for (int i = 0; i < 50; i++) vocab.append("w").append(i).append('\n');
        Files.writeString(vocabDir.resolve("vocab.txt"), vocab);
        Files.writeString(vocabDir.resolve("tokenizer_config.json"), "{\"do_lower_case\": false}");
        Trainer t = Trainer.start(m, TrainingConfig.bertDefaults(1).withEpochs(1), TrainingHead.span(), Trainer.Scope.WHOLE_MODEL,
                vocabDir.resolve("vocab.txt"));
        Path out = dir.resolve("model");
        t.saveModel(out);
        var config = Checkpoints.JSON.readTree(out.resolve("config.json").toFile());
        assertEquals("BertForQuestionAnswering", config.path("architectures").get(0).asText());
        assertFalse(config.has("num_labels") || config.has("id2label"), config.toString());
        assertTrue(Files.isRegularFile(out.resolve("vocab.txt")));
        assertEquals("{\"do_lower_case\": false}", Files.readString(out.resolve("tokenizer_config.json")));
        try (SafetensorsReader r = SafetensorsReader.open(out.resolve("model.safetensors"))) {
            assertArrayEquals(new long[]{2, 16}, r.get("qa_outputs.weight").shape());
            assertArrayEquals(new long[]{2}, r.get("qa_outputs.bias").shape());
            assertTrue(r.names().contains("bert.encoder.layer.1.attention.self.query.weight"));
            assertTrue(r.names().stream().noneMatch(n -> n.contains("pooler") || n.startsWith("classifier") || n.startsWith("cls.")),
                    "only the encoder and qa_outputs: " + r.names());
        }
        BertModel back = BertModel.load(out, LoadOptions.of(DataType.DOUBLE));
        var in = LengthBatcher.input(TrainingFixtures.spanTask(3, 1), new int[]{0, 1, 2});
        SpanLogits a = m.questionAnsweringLogits(m.forward(in)), b = back.questionAnsweringLogits(back.forward(in));
        assertArrayEquals(a.start().dup().data().asDouble(), b.start().dup().data().asDouble(), 1e-12);
        assertArrayEquals(a.end().dup().data().asDouble(), b.end().dup().data().asDouble(), 1e-12);
    }

    @Test
    void spanHeadNeedsSpansAndAQuestionAnsweringModel() {
        BertModel classifier = TrainingFixtures.tinyClassifier(9);
        BertModel noQa = ModelParameters.withNewClassifier(BertModel.random(org.bertology4j.core.TinyModels.tiny().withNumLabels(0), 1,
                DataType.DOUBLE), 3, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Trainer.start(noQa, TrainingConfig.bertDefaults(1), TrainingHead.span(), Trainer.Scope.WHOLE_MODEL, null));
        assertTrue(e.getMessage().contains("qa_outputs"), e.getMessage());
        Trainer t = Trainer.start(classifier, TrainingConfig.bertDefaults(1).withEpochs(1), TrainingHead.span(), Trainer.Scope.WHOLE_MODEL, null);
        IllegalArgumentException noSpan = assertThrows(IllegalArgumentException.class,
                () -> t.train(TrainingFixtures.synthetic(4, 1), null, null, TrainingListener.none()));
        assertTrue(noSpan.getMessage().contains("no answer span"), noSpan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainingExample.span(new int[]{1, 5, 2}, new int[3], 2, 1));
        assertThrows(IllegalArgumentException.class, () -> TrainingExample.span(new int[]{1, 5, 2}, new int[3], 1, 3));
    }
}
