package org.bertology4j.core.train;

import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.TraceOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    private static final List<String> LABELS = List.of("zero", "one", "two");

    @Test
    void tinyModelLearnsSyntheticTaskPerfectly() throws Exception {
        BertModel model = TrainingFixtures.tinyClassifier(1);
        List<TrainingExample> train = TrainingFixtures.synthetic(48, 2);
        double before = ClassifierEvaluation.accuracy(model, train, 16, TraceOptions.none());
        TrainingConfig cfg = new TrainingConfig(40, 8, 3e-3, 0.1, 0.0, 1.0, 0.0, 7, 0, -1);
        Trainer t = Trainer.start(model, cfg, LABELS, null);
        assertTrue(t.train(train, train, null, TrainingListener.none()));
        double after = ClassifierEvaluation.accuracy(model, train, 16, TraceOptions.none());
        assertTrue(before < 0.7, "untrained accuracy " + before + " should be far from perfect");
        assertEquals(1.0, after, 0.0, "accuracy after training (before: " + before + ")");
    }

    @Test
    void resumedRunEqualsUninterruptedRun(@TempDir Path dir) throws Exception {
        List<TrainingExample> train = TrainingFixtures.synthetic(20, 4);
        TrainingConfig cfg = new TrainingConfig(2, 6, 1e-3, 0.2, 0.01, 0.5, 0.1, 99, 0, -1);
        BertModel a = TrainingFixtures.tinyClassifier(5);
        Trainer full = Trainer.start(a, cfg, LABELS, null);
        assertTrue(full.train(train, train, null, TrainingListener.none()));

        BertModel b = TrainingFixtures.tinyClassifier(5);
        Trainer first = Trainer.start(b, cfg, LABELS, null).stopAfter(5);  // 4 batches per epoch: stops mid-epoch 2
        assertFalse(first.train(train, train, dir, TrainingListener.none()));
        Path ckpt = Checkpoints.latest(dir);
        assertNotNull(ckpt);
        assertEquals("step-000005", ckpt.getFileName().toString());
        Trainer resumed = Trainer.resume(ckpt, DataType.DOUBLE);
        assertEquals(5, resumed.step());
        assertTrue(resumed.train(train, train, dir, TrainingListener.none()));
        assertEquals(full.step(), resumed.step());

        List<Parameter> pa = full.parameters().list(), pb = resumed.parameters().list();
        for (int i = 0; i < pa.size(); i++) {
            assertArrayEquals(pa.get(i).value().dup().data().asDouble(), pb.get(i).value().dup().data().asDouble(), 0.0,
                    pa.get(i).name());
        }
        assertEquals(full.devScores(), resumed.devScores());
        // a different training set is refused
        Trainer again = Trainer.resume(ckpt, DataType.DOUBLE);
        assertThrows(IllegalArgumentException.class,
                () -> again.train(TrainingFixtures.synthetic(20, 5), train, null, TrainingListener.none()));
    }

    @Test
    void savedModelIsAHuggingFaceClassifierDirectory(@TempDir Path dir) throws Exception {
        BertModel m = TrainingFixtures.tinyClassifier(8);
        Trainer t = Trainer.start(m, TrainingConfig.bertDefaults(1).withEpochs(1), LABELS, null);
        Path out = dir.resolve("model");
        t.saveModel(out);
        String config = Files.readString(out.resolve("config.json"));
        assertTrue(config.contains("\"id2label\"") && config.contains("\"two\"") && config.contains("\"num_labels\" : 3"), config);
        assertEquals(LABELS, Checkpoints.labels(out.resolve("config.json")));
        try (var r = org.bertology4j.weights.safetensors.SafetensorsReader.open(out.resolve("model.safetensors"))) {
            for (String n : List.of("classifier.weight", "classifier.bias", "bert.pooler.dense.weight",
                    "bert.encoder.layer.1.attention.self.key.weight", "bert.embeddings.LayerNorm.weight")) {
                assertTrue(r.names().contains(n), n);
            }
            assertArrayEquals(new long[]{3, 16}, r.get("classifier.weight").shape());
        }
        BertModel back = Checkpoints.loadModel(out, org.bertology4j.core.model.LoadOptions.of(DataType.DOUBLE).withHiddenAct(m.weights().gelu().hiddenAct()));
        List<TrainingExample> ex = TrainingFixtures.synthetic(4, 1);
        double[][] l1 = ClassifierEvaluation.logits(m, ex, 4, TraceOptions.none());
        double[][] l2 = ClassifierEvaluation.logits(back, ex, 4, TraceOptions.none());
        for (int i = 0; i < l1.length; i++) assertArrayEquals(l1[i], l2[i], 1e-12);
        // overwriting is atomic and leaves no temporary directories
        t.saveModel(out);
        try (var s = Files.list(dir)) {
            assertEquals(List.of("model"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void newClassifierHeadKeepsTheEncoder() {
        BertModel base = BertModel.random(org.bertology4j.core.TinyModels.tiny().withNumLabels(0), 3, DataType.DOUBLE);
        BertModel cls = ModelParameters.withNewClassifier(base, 5, 1);
        assertEquals(5, cls.config().numLabels());
        var in = LengthBatcher.input(TrainingFixtures.synthetic(2, 1), new int[]{0, 1});
        assertArrayEquals(base.forward(in).lastHidden().dup().data().asDouble(),
                cls.forward(in).lastHidden().dup().data().asDouble(), 0.0);
    }
}
