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

    @Test
    void savedFilesHaveTheSameBytesInEveryJvm(@TempDir Path dir) throws Exception {
        // The header's metadata came from Map.of, whose order is salted per JVM start: the model file's hash flipped
        // between two values from run to run. The header must now start the same way in every JVM.
        BertModel m = TrainingFixtures.tinyClassifier(8);
        TrainingConfig cfg = new TrainingConfig(1, 6, 1e-3, 0.0, 0.0, 1.0, 0.0, 3, 0, -1);
        Trainer t = Trainer.start(m, cfg, LABELS, null);
        assertTrue(t.train(TrainingFixtures.synthetic(6, 1), List.of(), dir.resolve("ckpt"), TrainingListener.none()));
        t.saveModel(dir.resolve("model"));
        assertTrue(header(dir.resolve("model/model.safetensors")).startsWith("{\"__metadata__\":{\"format\":\"pt\",\"written_by\":\"bertology4j\"},"));
        assertTrue(header(Checkpoints.latest(dir.resolve("ckpt")).resolve(Checkpoints.OPTIMIZER))
                .startsWith("{\"__metadata__\":{\"optimizer\":\"AdamW\",\"steps\":\"1\"},"));
    }

    private static String header(Path safetensors) throws Exception {
        byte[] b = Files.readAllBytes(safetensors);
        long n = java.nio.ByteBuffer.wrap(b, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        return new String(b, 8, (int) n, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void randomInitialisationIsBertsAndSeeded() {
        var cfg = org.bertology4j.core.TinyModels.tiny().withNumLabels(0);
        var opts = org.bertology4j.core.model.LoadOptions.of(DataType.DOUBLE);
        BertModel a = RandomInitialisation.classifier(cfg, 4, 11, 0, opts);
        BertModel b = RandomInitialisation.classifier(cfg, 4, 11, 0, opts);
        BertModel c = RandomInitialisation.classifier(cfg, 4, 12, 0, opts);
        assertEquals(4, a.config().numLabels());
        List<Parameter> pa = new ModelParameters(a).list(), pb = new ModelParameters(b).list(), pc = new ModelParameters(c).list();
        for (int i = 0; i < pa.size(); i++) {
            double[] va = pa.get(i).value().dup().data().asDouble();
            assertArrayEquals(va, pb.get(i).value().dup().data().asDouble(), 0.0, "same seed, " + pa.get(i).name());
            String name = pa.get(i).name();
            if (name.endsWith(".gamma")) {
                for (double v : va) assertEquals(1.0, v, 0.0, name);
            } else if (name.endsWith(".beta") || name.endsWith(".bias")) {
                for (double v : va) assertEquals(0.0, v, 0.0, name);
            } else {
                assertFalse(java.util.Arrays.equals(va, pc.get(i).value().dup().data().asDouble()), "other seed, " + name);
                double sq = 0;
                int nonZero = 0;
                for (double v : va) {
                    sq += v * v;
                    if (v != 0) nonZero++;
                }
                double std = Math.sqrt(sq / nonZero);
                assertEquals(RandomInitialisation.STD, std, 0.25 * RandomInitialisation.STD, name + " std");
            }
        }
        // the [PAD] row (id 0) of the word embeddings is zero, the others are not
        double[] words = a.weights().embeddings().wordEmbeddings().dup().data().asDouble();
        int h = cfg.hiddenSize();
        for (int k = 0; k < h; k++) assertEquals(0.0, words[k], 0.0, "pad row");
        assertTrue(java.util.Arrays.stream(words, h, 2 * h).anyMatch(v -> v != 0));
        // at this scale attention starts almost uniform: every weight within 10% of 1/T
        var in = LengthBatcher.input(TrainingFixtures.synthetic(1, 3), new int[]{0});
        var att = a.forward(in, org.bertology4j.core.model.TraceOptions.builder().keepAttention().build()).attention(1);
        double t = in.seqLen();
        for (double v : att.dup().data().asDouble()) assertEquals(1 / t, v, 0.1 / t);
    }
}
