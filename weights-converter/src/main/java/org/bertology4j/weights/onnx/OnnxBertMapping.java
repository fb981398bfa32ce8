package org.bertology4j.weights.onnx;

import org.bertology4j.weights.HfBertNames;
import org.bertology4j.weights.Tensor;
import org.bertology4j.weights.onnx.proto.AttributeProto;
import org.bertology4j.weights.onnx.proto.GraphProto;
import org.bertology4j.weights.onnx.proto.NodeProto;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the initializers of a Hugging Face BERT ONNX export to canonical Hugging Face names.
 * <ul>
 * <li>Named initializers ({@code embeddings.word_embeddings.weight}, {@code encoder.layer.0.attention.self.query.bias},
 *     ...) keep their names (plus the {@code bert.} prefix).</li>
 * <li>Linear weights are exported as anonymous MatMul operands ({@code onnx::MatMul_1525}, stored
 *     {@code [in, out]}). Each is resolved through the graph: the MatMul consuming it feeds an Add whose
 *     other operand is the named bias {@code X.bias}, so the weight is {@code X.weight} (transposed).
 *     When there is no named bias, the MatMul node name ({@code /encoder/layer.0/attention/self/query/MatMul})
 *     gives the module path. Gemm nodes are handled likewise ({@code transB=1} means already {@code [out, in]}).</li>
 * </ul>
 * Heads: from the Reshape that splits heads, whose target shape is {@code [batch, seq, heads, head_dim]}
 * with {@code heads * head_dim = hidden}; 0 when not found.
 */
public final class OnnxBertMapping {
    /** An ONNX initializer and the canonical Hugging Face tensor it becomes. */
    public record Mapped(String onnxName, String hfName, boolean transpose) {}

    private static final Pattern NODE_MODULE = Pattern.compile("/?(.*)/(MatMul|Gemm)(_\\d+)?");

    private final List<Mapped> mapped = new ArrayList<>();
    private final List<String> unknown = new ArrayList<>();
    private final int heads;

    private OnnxBertMapping(OnnxInitializerReader reader) {
        GraphProto g = reader.graph();
        Map<String, List<NodeProto>> consumers = new HashMap<>();
        Map<String, NodeProto> producers = new HashMap<>();
        for (NodeProto n : g.getNodeList()) {
            for (String in : n.getInputList()) consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            for (String out : n.getOutputList()) producers.put(out, n);
        }
        Map<String, String> seen = new LinkedHashMap<>();
        for (String name : reader.names()) {
            Mapped m = looksLikeHfName(name) ? new Mapped(name, HfBertNames.canonical(name), false)
                    : resolveThroughGraph(name, consumers, reader);
            if (m == null || seen.containsKey(m.hfName)) {
                unknown.add(name); // unresolvable, or a second candidate for a name already taken
            } else {
                seen.put(m.hfName, name);
                mapped.add(m);
            }
        }
        this.heads = findHeads(g, producers, reader);
    }

    /** Builds the mapping for a parsed model. */
    public static OnnxBertMapping of(OnnxInitializerReader reader) { return new OnnxBertMapping(reader); }

    /** Initializers resolved to Hugging Face names. */
    public List<Mapped> mapped() { return mapped; }

    /** Initializers that could not be resolved (reported, not fatal). */
    public List<String> unknown() { return unknown; }

    /** Attention heads found in the graph, or 0. */
    public int heads() { return heads; }

    private static boolean looksLikeHfName(String n) {
        String c = HfBertNames.canonical(n);
        return (c.startsWith("bert.") || c.startsWith("cls.") || c.startsWith("classifier."))
                && (c.endsWith(".weight") || c.endsWith(".bias"));
    }

    private static Mapped resolveThroughGraph(String init, Map<String, List<NodeProto>> consumers, OnnxInitializerReader reader) {
        List<NodeProto> users = consumers.getOrDefault(init, List.of());
        if (users.size() != 1) return null;
        NodeProto n = users.get(0);
        boolean gemm = n.getOpType().equals("Gemm");
        if (!(n.getOpType().equals("MatMul") || gemm) || n.getInputCount() < 2 || !n.getInput(1).equals(init)) return null;
        if (reader.shapeOf(init).length != 2) return null;
        boolean transpose = true;
        if (gemm) {
            for (AttributeProto a : n.getAttributeList()) if (a.getName().equals("transB") && a.getI() == 1) transpose = false;
        }
        String module = null;
        // 1. The bias added to the product names the module.
        if (gemm && n.getInputCount() > 2) module = moduleOfBias(n.getInput(2));
        for (NodeProto add : consumers.getOrDefault(n.getOutput(0), List.of())) {
            if (module != null) break;
            if (!add.getOpType().equals("Add")) continue;
            for (String in : add.getInputList()) {
                if (!in.equals(n.getOutput(0)) && reader.names().contains(in)) module = moduleOfBias(in);
            }
        }
        // 2. Otherwise the node name, as written by torch.onnx.export.
        if (module == null) {
            Matcher m = NODE_MODULE.matcher(n.getName());
            if (m.matches()) {
                module = HfBertNames.canonical(m.group(1).replace('/', '.'));
            }
        }
        if (module == null) return null;
        String hf = module + ".weight";
        return looksLikeHfName(hf) ? new Mapped(init, HfBertNames.canonical(hf), transpose) : null;
    }

    private static String moduleOfBias(String bias) {
        String c = HfBertNames.canonical(bias);
        return c.endsWith(".bias") ? c.substring(0, c.length() - ".bias".length()) : null;
    }

    /** Looks for Reshape targets [*, *, heads, headDim]: a 4-element constant, or a Concat of four pieces. */
    private static int findHeads(GraphProto g, Map<String, NodeProto> producers, OnnxInitializerReader reader) {
        long hidden;
        try {
            hidden = reader.names().stream().filter(n -> HfBertNames.canonical(n).equals("bert.embeddings.word_embeddings.weight"))
                    .findFirst().map(n -> reader.shapeOf(n)[1]).orElse(-1L);
        } catch (RuntimeException e) {
            return 0;
        }
        for (NodeProto n : g.getNodeList()) {
            if (!n.getOpType().equals("Reshape") || n.getInputCount() < 2) continue;
            String shapeName = n.getInput(1);
            long[] s = constant(shapeName, producers, reader);
            if (s == null) {
                NodeProto concat = producers.get(shapeName);
                if (concat != null && concat.getOpType().equals("Concat") && concat.getInputCount() == 4) {
                    long[] h = constant(concat.getInput(2), producers, reader), d = constant(concat.getInput(3), producers, reader);
                    if (h != null && d != null && h.length == 1 && d.length == 1) s = new long[]{0, 0, h[0], d[0]};
                }
            }
            if (s != null && s.length == 4 && s[2] > 0 && s[3] > 0 && s[2] * s[3] == hidden) return (int) s[2];
        }
        return 0;
    }

    private static long[] constant(String name, Map<String, NodeProto> producers, OnnxInitializerReader reader) {
        try {
            Tensor t = null;
            if (reader.names().contains(name)) {
                t = reader.get(name);
            } else {
                NodeProto p = producers.get(name);
                if (p != null && p.getOpType().equals("Constant")) {
                    for (AttributeProto a : p.getAttributeList()) {
                        if (a.getName().equals("value") && a.hasT()) t = OnnxInitializerReader.toTensor(a.getT(), Path.of("."));
                    }
                }
            }
            if (t == null || t.numElements() > 8) return null;
            float[] f = t.toFloats();
            long[] out = new long[f.length];
            for (int i = 0; i < f.length; i++) out[i] = (long) f[i];
            return out;
        } catch (RuntimeException e) {
            return null; // not a usable integer constant
        }
    }

}
