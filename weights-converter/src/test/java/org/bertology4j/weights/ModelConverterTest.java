package org.bertology4j.weights;

import org.bertology4j.weights.safetensors.SafetensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class ModelConverterTest {
    @TempDir Path tmp;

    @Test
    void convertsCheckpointWithTransposedKernelsAndInferredConfig() throws IOException {
        TinyTfBert tf = new TinyTfBert();
        Path prefix = tf.write(tmp.resolve("ckpt"), true);
        Path out = tmp.resolve("out");
        ModelConverter.Report report = ModelConverter.convert(prefix, out);
        assertEquals(List.of("bert/pooler/dense/kernel/adam_m"), report.skipped());
        assertEquals(List.of("mystery/variable"), report.unknown());

        ModelDirectory md = ModelDirectory.open(out);
        BertConfig c = md.config();
        assertEquals(new BertConfig(TinyTfBert.V, TinyTfBert.H, TinyTfBert.L, TinyTfBert.HEADS, TinyTfBert.I, "gelu",
                TinyTfBert.P, TinyTfBert.T, 1e-12, 0), c);
        md.validate();
        assertTrue(md.lowerCase(), "vocabulary has no capitalised words");
        assertEquals(Files.readAllLines(tmp.resolve("ckpt/vocab.txt")), Files.readAllLines(md.vocab()));
        assertTrue(md.provenance().orElseThrow().get("source").asText().endsWith("bert_model.ckpt"));

        try (TensorSource t = md.tensors()) {
            // Kernel [in, out] -> weight [out, in]: w[o][i] == k[i][o].
            String k = "bert/encoder/layer_1/intermediate/dense/kernel";
            float[] kernel = tf.values.get(k);
            Tensor w = t.get("bert.encoder.layer.1.intermediate.dense.weight");
            assertArrayEquals(new long[]{TinyTfBert.I, TinyTfBert.H}, w.shape());
            float[] wv = w.toFloats();
            for (int i = 0; i < TinyTfBert.H; i++) {
                for (int o = 0; o < TinyTfBert.I; o++) assertEquals(kernel[i * TinyTfBert.I + o], wv[o * TinyTfBert.H + i]);
            }
            assertArrayEquals(tf.values.get("bert/embeddings/LayerNorm/gamma"), t.get("bert.embeddings.LayerNorm.weight").toFloats());
            assertArrayEquals(tf.values.get("cls/seq_relationship/output_weights"), t.get("cls.seq_relationship.weight").toFloats());
            assertArrayEquals(tf.values.get("cls/predictions/output_bias"), t.get("cls.predictions.bias").toFloats());
            assertFalse(t.contains("cls.predictions.decoder.weight"), "tied decoder must not be duplicated");
            assertEquals(tf.shapes.size() - 2, t.names().size());
        }
        assertNoLeftovers();
    }

    @Test
    void failedConversionLeavesNoDirectory() throws IOException {
        Path prefix = new TinyTfBert().write(tmp.resolve("ckpt"), false);
        try (RandomAccessFile f = new RandomAccessFile(tmp.resolve("ckpt/bert_model.ckpt.data-00000-of-00001").toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        Path out = tmp.resolve("out");
        WeightsException e = assertThrows(WeightsException.class, () -> ModelConverter.convert(prefix, out));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertFalse(Files.exists(out));
        assertNoLeftovers();
    }

    @Test
    void refusesUnknownSourceAndExistingTarget() throws IOException {
        Path junk = Files.writeString(tmp.resolve("model.bin"), "x");
        assertTrue(assertThrows(WeightsException.class, () -> ModelConverter.convert(junk, tmp.resolve("o")))
                .getMessage().contains("cannot tell"));
        Files.createDirectories(tmp.resolve("exists"));
        assertTrue(assertThrows(WeightsException.class, () -> ModelConverter.convert(junk, tmp.resolve("exists")))
                .getMessage().contains("already exists"));
    }

    private void assertNoLeftovers() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            List<String> hidden = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
            assertEquals(List.of(), hidden, "temporary directories left behind");
        }
    }

    /** A plain Hugging Face BertModel directory (no "bert." prefix, tokenizer.json only) opens unchanged. */
    @Test
    void opensHuggingFaceDirectoryWithoutPrefix() throws IOException {
        BertConfig c = new BertConfig(6, 4, 1, 2, 8, "gelu", 5, 2, 1e-12, 0);
        Path dir = Files.createDirectories(tmp.resolve("hf"));
        c.write(dir.resolve("config.json"));
        List<Tensor> ts = new ArrayList<>();
        HfBertNames.required(c).forEach((n, s) -> ts.add(zeros(n.substring("bert.".length()), s)));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), ts, null);
        Files.writeString(dir.resolve("tokenizer.json"), "{\"normalizer\":{\"type\":\"BertNormalizer\",\"lowercase\":false},"
                + "\"model\":{\"vocab\":{\"[PAD]\":0,\"[UNK]\":1,\"[CLS]\":2,\"[SEP]\":3,\"[MASK]\":4,\"a\":5}}}");
        ModelDirectory md = ModelDirectory.open(dir);
        md.validate();
        assertFalse(md.lowerCase());
        assertEquals(dir.resolve("tokenizer.json"), md.vocab());
        try (TensorSource t = md.tensors()) {
            assertArrayEquals(new long[]{8, 4}, t.get("bert.encoder.layer.0.intermediate.dense.weight").shape());
        }
    }

    @Test
    void validateNamesTheMismatchedTensorAndOpenListsMissingFiles() throws IOException {
        BertConfig c = new BertConfig(6, 4, 1, 2, 8, "gelu", 5, 2, 1e-12, 0);
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        WeightsException missing = assertThrows(WeightsException.class, () -> ModelDirectory.open(dir));
        assertTrue(missing.getMessage().contains("config.json") && missing.getMessage().contains("model.safetensors")
                && missing.getMessage().contains("vocab.txt"), missing.getMessage());
        c.write(dir.resolve("config.json"));
        Files.writeString(dir.resolve("vocab.txt"), "[PAD]\n");
        List<Tensor> ts = new ArrayList<>();
        HfBertNames.required(c).forEach((n, s) -> {
            if (n.endsWith("layer.0.output.dense.weight")) s = new long[]{8, 4}; // transposed by mistake
            if (!n.endsWith("layer.0.output.LayerNorm.bias")) ts.add(zeros(n, s));
        });
        SafetensorsWriter.write(dir.resolve("model.safetensors"), ts, null);
        WeightsException e = assertThrows(WeightsException.class, () -> ModelDirectory.open(dir).validate());
        assertTrue(e.getMessage().contains("'bert.encoder.layer.0.output.dense.weight' has shape [8, 4]"), e.getMessage());
        assertTrue(e.getMessage().contains("missing tensor 'bert.encoder.layer.0.output.LayerNorm.bias'"), e.getMessage());
    }

    /** Configuration values that used to be truncated, parsed or wrapped into another model are refused by key. */
    @Test
    void configValuesMustBeWhatTheySay() throws IOException {
        String base = new BertConfig(6, 4, 1, 2, 8, "gelu", 5, 2, 1e-12, 0).toJson();
        String[][] cases = {
                {"\"hidden_size\" : 4", "\"hidden_size\" : 4.9", "'hidden_size' must be an integer, got 4.9"},
                {"\"hidden_size\" : 4", "\"hidden_size\" : \"4\"", "'hidden_size' must be an integer, got \"4\""},
                {"\"hidden_size\" : 4", "\"hidden_size\" : 4294967300", "'hidden_size' = 4294967300 is out of range"},
                {"\"num_hidden_layers\" : 1", "\"num_hidden_layers\" : 0", "'num_hidden_layers' = 0 is out of range"},
        };
        for (String[] c : cases) {
            assertTrue(base.contains(c[0]), base);
            Path f = tmp.resolve("config-" + Math.abs(c[1].hashCode()) + ".json");
            Files.writeString(f, base.replace(c[0], c[1]));
            WeightsException e = assertThrows(WeightsException.class, () -> BertConfig.read(f));
            assertTrue(e.getMessage().contains(c[2]), e.getMessage());
        }
        Path eps = tmp.resolve("eps.json");
        Files.writeString(eps, base.replaceAll("\"layer_norm_eps\" : [^,}]*", "\"layer_norm_eps\" : -1.0E-12"));
        assertTrue(assertThrows(WeightsException.class, () -> BertConfig.read(eps)).getMessage().contains("layer_norm_eps"));
    }

    /** A float tensor relabelled I32, a layer the config does not have, a short vocabulary: each named. */
    @Test
    void tensorsAndVocabularyMustMatchTheConfigExactly() throws IOException {
        BertConfig c = new BertConfig(6, 4, 1, 2, 8, "gelu", 5, 2, 1e-12, 0);
        Path dir = Files.createDirectories(tmp.resolve("strict"));
        c.write(dir.resolve("config.json"));
        Files.writeString(dir.resolve("vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\na\n");
        List<Tensor> ts = new ArrayList<>();
        HfBertNames.required(c).forEach((n, sh) -> ts.add(n.endsWith("layer.0.output.dense.bias")
                ? new Tensor(n, DType.I32, sh, java.nio.ByteBuffer.allocate(4 * 4)) : zeros(n, sh)));
        ts.add(zeros("bert.encoder.layer.1.output.dense.bias", new long[]{4}));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), ts, null);
        WeightsException e = assertThrows(WeightsException.class, () -> ModelDirectory.open(dir).validate());
        assertTrue(e.getMessage().contains("'bert.encoder.layer.0.output.dense.bias' is stored as I32"), e.getMessage());
        assertTrue(e.getMessage().contains("belongs to layer 1 but the config has 1 layers"), e.getMessage());
        Files.writeString(dir.resolve("vocab.txt"), "[PAD]\n[UNK]\n");
        ts.removeIf(t -> t.name().contains("layer.1") || t.name().endsWith("layer.0.output.dense.bias"));
        ts.add(zeros("bert.encoder.layer.0.output.dense.bias", new long[]{4}));
        Files.delete(dir.resolve("model.safetensors"));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), ts, null);
        e = assertThrows(WeightsException.class, () -> ModelDirectory.open(dir).validate());
        assertTrue(e.getMessage().contains("has 2 entries but the model's vocab_size is 6"), e.getMessage());
        // without vocab.txt, tokenizer.json's vocabulary is the one that must match
        Files.delete(dir.resolve("vocab.txt"));
        Files.writeString(dir.resolve("tokenizer.json"), "{\"model\":{\"vocab\":{\"[PAD]\":0,\"[UNK]\":1,\"a\":2}}}");
        e = assertThrows(WeightsException.class, () -> ModelDirectory.open(dir).validate());
        assertTrue(e.getMessage().contains("tokenizer.json has 3 entries but the model's vocab_size is 6"), e.getMessage());
    }

    private static Tensor zeros(String name, long[] shape) {
        long n = 1;
        for (long s : shape) n *= s;
        return Tensor.ofFloats(name, shape, new float[(int) n]);
    }
}
