package org.bertology4j.bench;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.RandomBertWeights;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.weights.BertConfig;
import org.bertology4j.weights.MapTensorSource;
import org.bertology4j.weights.ModelConverter;
import org.bertology4j.weights.ModelDirectory;
import org.bertology4j.weights.Tensor;
import org.bertology4j.weights.TensorSource;
import org.bertology4j.weights.onnx.OnnxBertExporter;
import org.bertology4j.weights.safetensors.SafetensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ONNX export runs in ONNX Runtime to the engine's output, on tiny random models (both GELU forms, padded
 * batches, segment ids), and converts back to the same tensors.
 */
class OnnxExportTest {
    @TempDir
    Path tmp;

    static Path tinyModel(Path dir, String act, long seed) throws Exception {
        Files.createDirectories(dir);
        BertConfig config = new BertConfig(60, 32, 2, 4, 64, act, 40, 2, 1e-12, 0);
        Files.writeString(dir.resolve("config.json"), config.toJson());
        MapTensorSource t = RandomBertWeights.tensors(config, seed);
        List<Tensor> tensors = new ArrayList<>();
        for (String n : t.names()) tensors.add(t.get(n));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors, Map.of());
        List<String> vocab = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));
        while (vocab.size() < 60) vocab.add("w" + vocab.size());
        Files.write(dir.resolve("vocab.txt"), vocab);
        return dir;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gelu", "gelu_new"})
    void onnxRuntimeOnTheExportEqualsTheEngine(String act) throws Exception {
        Path dir = tinyModel(tmp.resolve("model"), act, 7);
        Path onnx = tmp.resolve("model.onnx");
        OnnxBertExporter.Report report = OnnxBertExporter.export(ModelDirectory.open(dir), onnx);
        assertTrue(report.bytes() > 0 && report.nodes() > 50, report.toString());
        BertModel model = BertModel.load(dir);
        Random r = new Random(3);
        int[][] ids = new int[3][12];
        int[][] mask = new int[3][12];
        int[][] segments = new int[3][12];
        int[] lengths = {12, 7, 2};
        for (int b = 0; b < 3; b++) {
            for (int j = 0; j < lengths[b]; j++) {
                ids[b][j] = 5 + r.nextInt(55);
                mask[b][j] = 1;
                segments[b][j] = j >= lengths[b] / 2 ? 1 : 0;
            }
        }
        BertInput in = BertInput.of(ids, segments, mask);
        INDArray ours = model.forward(in, TraceOptions.none()).lastHidden();
        double max = 0;
        try (OnnxPeer ort = new OnnxPeer(onnx, 1)) {
            float[][][] theirs = ort.lastHidden(ids, mask, segments);
            for (int b = 0; b < 3; b++) {
                for (int t = 0; t < lengths[b]; t++) {
                    for (int h = 0; h < 32; h++) max = Math.max(max, Math.abs(ours.getDouble(b, t, h) - theirs[b][t][h]));
                }
            }
        }
        assertTrue(max < 1e-5, act + ": ONNX Runtime on the export differs from the engine by " + max);
    }

    @Test
    void theExportConvertsBackToTheSameTensors() throws Exception {
        Path dir = tinyModel(tmp.resolve("model"), "gelu", 11);
        Path onnx = tmp.resolve("model.onnx");
        OnnxBertExporter.export(ModelDirectory.open(dir), onnx);
        Files.copy(dir.resolve("vocab.txt"), tmp.resolve("vocab.txt"));   // the converter wants a vocabulary beside it
        Path back = tmp.resolve("back");
        ModelConverter.Report report = ModelConverter.convert(onnx, back);
        assertTrue(report.unknown().isEmpty(), "not mapped back: " + report.unknown());
        ModelDirectory original = ModelDirectory.open(dir), converted = ModelDirectory.open(back);
        assertEquals(original.config().numAttentionHeads(), converted.config().numAttentionHeads());
        try (TensorSource a = original.tensors(); TensorSource b = converted.tensors()) {
            for (String name : b.names()) {
                assertArrayEquals(a.get(name).toFloats(), b.get(name).toFloats(), 0f, name);
            }
            assertEquals(a.names().stream().filter(n -> n.startsWith("bert.encoder") || n.startsWith("bert.embeddings")).count(),
                    b.names().size(), "encoder tensors round-tripped");
        }
    }
}
