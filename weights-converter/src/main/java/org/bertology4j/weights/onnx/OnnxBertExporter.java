package org.bertology4j.weights.onnx;

import org.bertology4j.weights.BertConfig;
import org.bertology4j.weights.ModelDirectory;
import org.bertology4j.weights.Tensor;
import org.bertology4j.weights.TensorSource;
import org.bertology4j.weights.WeightsException;
import org.bertology4j.weights.onnx.proto.ModelProto;
import org.bertology4j.weights.onnx.proto.OperatorSetIdProto;
import org.bertology4j.weights.onnx.proto.TensorProto;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.bertology4j.weights.onnx.OnnxGraphBuilder.attr;

/**
 * Writes a model directory's encoder as a standard ONNX graph (opset {@value #OPSET}): inputs {@code input_ids},
 * {@code attention_mask}, {@code token_type_ids} (int64 {@code [batch, sequence]}), output {@code last_hidden_state}
 * (float32 {@code [batch, sequence, hidden]}), the same function as Hugging Face's {@code BertModel}.
 *
 * <p>The graph is node for node what {@code torch.onnx.export} writes for {@code BertModel} (opset 11: MatMul + Add
 * dense layers, LayerNorm as ReduceMean/Sub/Pow/ReduceMean/Add/Sqrt/Div/Mul/Add, the erf GELU as Div/Erf/Add/Mul/Mul,
 * the additive mask {@code (1 - mask) * float32.min}, head split by Reshape/Transpose), because ONNX Runtime's graph
 * optimisations recognise exactly those patterns (LayerNorm, GELU, SkipLayerNorm and attention fusions); a graph in
 * another shape would run slower and make ONNX Runtime a weaker speed peer than the one users deploy. The tanh GELU
 * ({@code gelu_new}) is written in Hugging Face's {@code NewGELUActivation} form.
 */
public final class OnnxBertExporter {
    /** The ONNX operator set written (PyTorch's default for BERT exports at the time of the reference graphs). */
    public static final int OPSET = 11;
    private static final long IR_VERSION = 6;

    /** What was written. */
    public record Report(Path file, int nodes, int initializers, long bytes) {}

    private final BertConfig config;
    private final TensorSource weights;
    private final OnnxGraphBuilder g = new OnnxGraphBuilder("bertology4j_bert");
    private int anonymous = 0;

    private OnnxBertExporter(BertConfig config, TensorSource canonicalWeights) {
        this.config = config;
        this.weights = canonicalWeights;
    }

    /** Exports the encoder of {@code dir} to {@code out} (written to a temporary file, then moved into place). */
    public static Report export(ModelDirectory dir, Path out) throws IOException {
        ModelProto model;
        try (TensorSource t = dir.tensors()) {
            model = build(dir.config(), t);
        }
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".partial-", ".onnx");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                model.writeTo(os);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Report(out, model.getGraph().getNodeCount(), model.getGraph().getInitializerCount(), Files.size(out));
    }

    /** The ONNX model of an encoder with this configuration and these weights (canonical Hugging Face names). */
    public static ModelProto build(BertConfig config, TensorSource canonicalWeights) {
        return new OnnxBertExporter(config, canonicalWeights).model();
    }

    private ModelProto model() {
        g.input("input_ids", TensorProto.DataType.INT64, "batch_size", "sequence_length");
        g.input("attention_mask", TensorProto.DataType.INT64, "batch_size", "sequence_length");
        g.input("token_type_ids", TensorProto.DataType.INT64, "batch_size", "sequence_length");
        String mask = additiveMask();
        String h = embeddings();
        for (int l = 0; l < config.numHiddenLayers(); l++) h = layer(l, h, mask);
        g.renameLastOutput(h, "last_hidden_state");
        g.output("last_hidden_state", TensorProto.DataType.FLOAT, "batch_size", "sequence_length", (long) config.hiddenSize());
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("bertology4j")
                .setDocString("BERT encoder exported by bertology4j (" + config.numHiddenLayers() + " layers, hidden "
                        + config.hiddenSize() + ", " + config.numAttentionHeads() + " heads, " + config.hiddenAct() + ")")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(g.build()).build();
    }

    /** (1 - mask) * float32.min, shaped [batch, 1, 1, sequence] to broadcast over heads and query rows. */
    private String additiveMask() {
        String m = g.node("", "Unsqueeze", List.of("attention_mask"), attr("axes", new long[]{1}));
        m = g.node("", "Unsqueeze", List.of(m), attr("axes", new long[]{2}));
        m = g.node("", "Cast", List.of(m), attr("to", (long) TensorProto.DataType.FLOAT_VALUE));
        m = g.node("", "Sub", List.of(g.constant("", 1.0f), m));
        return g.node("", "Mul", List.of(m, g.constant("", -Float.MAX_VALUE)));
    }

    private String embeddings() {
        String s = "/embeddings";
        String shape = g.node(s, "Shape", List.of("input_ids"));
        String seqLen = g.node(s, "Gather", List.of(shape, g.constant(s, new long[0], 1)), attr("axis", 0L));
        int maxPos = config.maxPositionEmbeddings();
        long[] positions = new long[maxPos];
        for (int i = 0; i < maxPos; i++) positions[i] = i;
        String allPositions = g.constant(s, new long[]{1, maxPos}, positions);
        String start = g.constant(s, new long[]{1}, 0);
        String end = g.node(s, "Unsqueeze", List.of(seqLen), attr("axes", new long[]{0}));
        String positionIds = g.node(s, "Slice", List.of(allPositions, start, end,
                g.constant(s, new long[]{1}, 1), g.constant(s, new long[]{1}, 1)));
        String words = g.node(s + "/word_embeddings", "Gather",
                List.of(weight("embeddings.word_embeddings.weight"), "input_ids"));
        String types = g.node(s + "/token_type_embeddings", "Gather",
                List.of(weight("embeddings.token_type_embeddings.weight"), "token_type_ids"));
        String sum = g.node(s, "Add", List.of(words, types));
        String pos = g.node(s + "/position_embeddings", "Gather",
                List.of(weight("embeddings.position_embeddings.weight"), positionIds));
        sum = g.node(s, "Add", List.of(sum, pos));
        return layerNorm(s + "/LayerNorm", "embeddings.LayerNorm", sum);
    }

    private String layer(int l, String x, String mask) {
        String p = "/encoder/layer." + l, n = "encoder.layer." + l;
        String attention = selfAttention(p + "/attention/self", n + ".attention.self", x, mask);
        String dense = dense(p + "/attention/output/dense", n + ".attention.output.dense", attention);
        String residual = g.node(p + "/attention/output", "Add", List.of(dense, x));
        String a = layerNorm(p + "/attention/output/LayerNorm", n + ".attention.output.LayerNorm", residual);
        String inter = gelu(p + "/intermediate/intermediate_act_fn",
                dense(p + "/intermediate/dense", n + ".intermediate.dense", a));
        String out = dense(p + "/output/dense", n + ".output.dense", inter);
        residual = g.node(p + "/output", "Add", List.of(out, a));
        return layerNorm(p + "/output/LayerNorm", n + ".output.LayerNorm", residual);
    }

    private String selfAttention(String s, String n, String x, String mask) {
        String q = dense(s + "/query", n + ".query", x);
        String k = dense(s + "/key", n + ".key", x);
        String keys = splitHeads(s, k);
        String values = g.node(s, "Transpose", List.of(splitHeads(s, dense(s + "/value", n + ".value", x))),
                attr("perm", 0, 2, 1, 3));
        String queries = g.node(s, "Transpose", List.of(splitHeads(s, q)), attr("perm", 0, 2, 1, 3));
        String keysT = g.node(s, "Transpose", List.of(keys), attr("perm", 0, 2, 3, 1));
        String scores = g.node(s, "MatMul", List.of(queries, keysT));
        scores = g.node(s, "Div", List.of(scores, g.constant(s, (float) Math.sqrt(config.headDim()))));
        scores = g.node(s, "Add", List.of(scores, mask));
        String probs = g.node(s, "Softmax", List.of(scores), attr("axis", 3L));
        String context = g.node(s, "Transpose", List.of(g.node(s, "MatMul", List.of(probs, values))), attr("perm", 0, 2, 1, 3));
        String shape = g.node(s, "Concat", List.of(dim(s, context, 0), dim(s, context, 1),
                g.constant(s, new long[]{1}, config.hiddenSize())), attr("axis", 0L));
        return g.node(s, "Reshape", List.of(context, shape));
    }

    /** [batch, seq, hidden] -> [batch, seq, heads, headDim], its target shape built from x's shape as PyTorch does. */
    private String splitHeads(String s, String x) {
        String shape = g.node(s, "Concat", List.of(dim(s, x, 0), dim(s, x, 1),
                g.constant(s, new long[]{1}, config.numAttentionHeads()), g.constant(s, new long[]{1}, config.headDim())),
                attr("axis", 0L));
        return g.node(s, "Reshape", List.of(x, shape));
    }

    /** x's dimension {@code axis} as a 1-element int64 tensor. */
    private String dim(String s, String x, long axis) {
        String d = g.node(s, "Gather", List.of(g.node(s, "Shape", List.of(x)), g.constant(s, new long[0], axis)), attr("axis", 0L));
        return g.node(s, "Unsqueeze", List.of(d), attr("axes", new long[]{0}));
    }

    /** x W^T + b as MatMul (W stored transposed, [in, out]) then Add(bias, product). */
    private String dense(String s, String n, String x) {
        Tensor w = tensor(n + ".weight");
        long[] shape = w.shape();
        int out = (int) shape[0], in = (int) shape[1];
        float[] values = w.toFloats(), transposed = new float[values.length];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) transposed[i * out + o] = values[o * in + i];
        }
        String wT = g.initializer("onnx::MatMul_" + (anonymous++), new long[]{in, out}, transposed);
        String product = g.node(s, "MatMul", List.of(x, wT));
        return g.node(s, "Add", List.of(weight(n + ".bias"), product));
    }

    private String layerNorm(String s, String n, String x) {
        String mean = g.node(s, "ReduceMean", List.of(x), attr("axes", new long[]{-1}));
        String centred = g.node(s, "Sub", List.of(x, mean));
        String squared = g.node(s, "Pow", List.of(centred, g.constant(s, 2.0f)));
        String variance = g.node(s, "ReduceMean", List.of(squared), attr("axes", new long[]{-1}));
        String std = g.node(s, "Sqrt", List.of(g.node(s, "Add", List.of(variance, g.constant(s, (float) config.layerNormEps())))));
        String normed = g.node(s, "Div", List.of(centred, std));
        return g.node(s, "Add", List.of(g.node(s, "Mul", List.of(normed, weight(n + ".weight"))), weight(n + ".bias")));
    }

    private String gelu(String s, String x) {
        if (config.usesTanhGelu()) {   // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
            String half = g.node(s, "Mul", List.of(g.constant(s, 0.5f), x));
            String cube = g.node(s, "Pow", List.of(x, g.constant(s, 3.0f)));
            String inner = g.node(s, "Add", List.of(x, g.node(s, "Mul", List.of(g.constant(s, 0.044715f), cube))));
            String t = g.node(s, "Tanh", List.of(g.node(s, "Mul", List.of(g.constant(s, (float) Math.sqrt(2 / Math.PI)), inner))));
            return g.node(s, "Mul", List.of(half, g.node(s, "Add", List.of(g.constant(s, 1.0f), t))));
        }
        String scaled = g.node(s, "Div", List.of(x, g.constant(s, (float) Math.sqrt(2))));   // x Φ(x) = x (1 + erf(x/√2)) / 2
        String onePlus = g.node(s, "Add", List.of(g.node(s, "Erf", List.of(scaled)), g.constant(s, 1.0f)));
        return g.node(s, "Mul", List.of(g.node(s, "Mul", List.of(x, onePlus)), g.constant(s, 0.5f)));
    }

    /** A named float initializer holding the tensor {@code bert.<name>} as it is stored. */
    private String weight(String name) {
        Tensor t = tensor(name);
        return g.initializer(name, t.shape(), t.toFloats());
    }

    private Tensor tensor(String name) {
        String canonical = "bert." + name;
        if (!weights.contains(canonical)) {
            throw new WeightsException("ONNX export: tensor " + canonical + " is missing in " + weights.description());
        }
        return weights.get(canonical);
    }
}
