package org.bertology4j.weights.onnx;

import com.google.protobuf.ByteString;
import org.bertology4j.weights.BertConfig;
import org.bertology4j.weights.HfBertNames;
import org.bertology4j.weights.ModelConverter;
import org.bertology4j.weights.ModelDirectory;
import org.bertology4j.weights.Tensor;
import org.bertology4j.weights.TensorSource;
import org.bertology4j.weights.onnx.proto.AttributeProto;
import org.bertology4j.weights.onnx.proto.GraphProto;
import org.bertology4j.weights.onnx.proto.ModelProto;
import org.bertology4j.weights.onnx.proto.NodeProto;
import org.bertology4j.weights.onnx.proto.TensorProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** A synthetic one-layer BERT graph shaped like a torch.onnx.export: named biases, anonymous MatMul weights. */
class OnnxBertMappingTest {
    @TempDir Path tmp;
    static final int H = 8, I = 16, V = 10, P = 6, HEADS = 2;
    final Map<String, float[]> values = new HashMap<>();
    final GraphProto.Builder g = GraphProto.newBuilder();
    final Random rnd = new Random(3);
    int anon = 100;

    private TensorProto floats(String name, long... shape) {
        int n = 1;
        for (long s : shape) n *= s;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rnd.nextGaussian();
        values.put(name, v);
        ByteBuffer b = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putFloat(f);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1).setRawData(ByteString.copyFrom(b.array()));
        for (long s : shape) t.addDims(s);
        return t.build();
    }

    private void init(String name, long... shape) { g.addInitializer(floats(name, shape)); }

    /** MatMul(x, anon weight [in,out]) then Add(bias, product) as exported; returns the anonymous name. */
    private String linear(String module, String x, int in, int out, boolean namedBias) {
        String w = "onnx::MatMul_" + anon++;
        init(w, in, out);
        String nodeName = "/" + module.replace('.', '/') + "/MatMul";
        g.addNode(NodeProto.newBuilder().setOpType("MatMul").setName(nodeName).addInput(x).addInput(w).addOutput(nodeName + "_out"));
        String bias = namedBias ? module + ".bias" : "/" + module + "/computed_bias";
        if (namedBias) init(bias, out);
        g.addNode(NodeProto.newBuilder().setOpType("Add").addInput(bias).addInput(nodeName + "_out").addOutput(module + "_y"));
        return w;
    }

    private void constant(String out, long value) {
        TensorProto t = TensorProto.newBuilder().setDataType(7).addDims(1).addInt64Data(value).build();
        g.addNode(NodeProto.newBuilder().setOpType("Constant").addOutput(out)
                .addAttribute(AttributeProto.newBuilder().setName("value").setType(4).setT(t)));
    }

    private Map<String, String> build(boolean namedOutputBias) {
        init("embeddings.word_embeddings.weight", V, H);
        init("embeddings.position_embeddings.weight", P, H);
        init("embeddings.token_type_embeddings.weight", 2, H);
        init("embeddings.LayerNorm.weight", H);
        init("embeddings.LayerNorm.bias", H);
        String p = "encoder.layer.0.";
        Map<String, String> anonToModule = new HashMap<>();
        // Deliberately not in q,k,v order, so position in the graph cannot be what resolves them.
        for (String m : List.of("attention.self.value", "attention.self.query", "attention.self.key", "attention.output.dense")) {
            anonToModule.put(linear(p + m, "x", H, H, true), p + m);
        }
        init(p + "attention.output.LayerNorm.weight", H);
        init(p + "attention.output.LayerNorm.bias", H);
        anonToModule.put(linear(p + "intermediate.dense", "x", H, I, true), p + "intermediate.dense");
        anonToModule.put(linear(p + "output.dense", "x", I, H, namedOutputBias), p + "output.dense");
        if (!namedOutputBias) init(p + "output.dense.bias", H);
        init(p + "output.LayerNorm.weight", H);
        init(p + "output.LayerNorm.bias", H);
        // Head split: Reshape(x, Concat(batch, seq, 2, 4)).
        constant("c_heads", HEADS);
        constant("c_dim", H / HEADS);
        g.addNode(NodeProto.newBuilder().setOpType("Concat").addInput("b").addInput("s").addInput("c_heads").addInput("c_dim").addOutput("shape4"));
        g.addNode(NodeProto.newBuilder().setOpType("Reshape").addInput("k").addInput("shape4").addOutput("k4"));
        return anonToModule;
    }

    private Path write(String name) throws IOException {
        Path f = tmp.resolve(name);
        Files.write(f, ModelProto.newBuilder().setIrVersion(8).setGraph(g).build().toByteArray());
        return f;
    }

    @Test
    void resolvesAnonymousWeightsThroughBiasAndNodeNames() throws IOException {
        Map<String, String> anonToModule = build(false); // output.dense resolved by node name only
        OnnxInitializerReader r = OnnxInitializerReader.open(write("m.onnx"));
        OnnxBertMapping m = OnnxBertMapping.of(r);
        assertEquals(List.of(), m.unknown());
        assertEquals(HEADS, m.heads());
        for (OnnxBertMapping.Mapped x : m.mapped()) {
            if (anonToModule.containsKey(x.onnxName())) {
                assertEquals(HfBertNames.canonical(anonToModule.get(x.onnxName()) + ".weight"), x.hfName());
                assertTrue(x.transpose());
            } else {
                assertEquals("bert." + x.onnxName(), x.hfName());
                assertFalse(x.transpose());
            }
        }
    }

    @Test
    void convertsSyntheticModelWithTokenizerJsonVocabulary() throws IOException {
        Map<String, String> anonToModule = build(true);
        Path onnx = write("tiny.onnx");
        StringBuilder vocab = new StringBuilder("{\"normalizer\":{\"lowercase\":true},\"model\":{\"vocab\":{");
        for (int i = V - 1; i >= 0; i--) vocab.append("\"tok").append(i).append("\":").append(i).append(i > 0 ? "," : "");
        Files.writeString(tmp.resolve("tiny-tokenizer.json"), vocab.append("}}}"));
        Path out = tmp.resolve("out");
        ModelConverter.convert(onnx, out);
        ModelDirectory md = ModelDirectory.open(out);
        md.validate();
        assertEquals(new BertConfig(V, H, 1, HEADS, I, "gelu", P, 2, 1e-12, 0), md.config());
        assertEquals(List.of("tok0", "tok1", "tok2", "tok3", "tok4", "tok5", "tok6", "tok7", "tok8", "tok9"), Files.readAllLines(md.vocab()));
        assertTrue(md.lowerCase());
        String anonQuery = anonToModule.entrySet().stream().filter(e -> e.getValue().endsWith("self.query")).findFirst().orElseThrow().getKey();
        float[] k = values.get(anonQuery); // [in, out]
        try (TensorSource t = md.tensors()) {
            float[] w = t.get("bert.encoder.layer.0.attention.self.query.weight").toFloats();
            for (int i = 0; i < H; i++) for (int o = 0; o < H; o++) assertEquals(k[i * H + o], w[o * H + i]);
            Tensor inter = t.get("bert.encoder.layer.0.intermediate.dense.weight");
            assertArrayEquals(new long[]{I, H}, inter.shape());
        }
    }
}
