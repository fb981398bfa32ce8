package org.bertology4j.weights.onnx;

import com.google.protobuf.ByteString;
import org.bertology4j.weights.onnx.proto.AttributeProto;
import org.bertology4j.weights.onnx.proto.GraphProto;
import org.bertology4j.weights.onnx.proto.NodeProto;
import org.bertology4j.weights.onnx.proto.TensorProto;
import org.bertology4j.weights.onnx.proto.TensorShapeProto;
import org.bertology4j.weights.onnx.proto.TypeProto;
import org.bertology4j.weights.onnx.proto.ValueInfoProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends nodes, constants and initializers to an ONNX graph, naming each output uniquely under a scope
 * ({@code /encoder/layer.0/attention/self/MatMul_output_0}, the way PyTorch's exporter names them).
 */
final class OnnxGraphBuilder {
    // AttributeProto.AttributeType values
    private static final int FLOAT = 1, INT = 2, TENSOR = 4, INTS = 7;

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Map<String, Integer> counts = new HashMap<>();

    OnnxGraphBuilder(String name) {
        graph.setName(name);
    }

    /** A graph input of the given element type and symbolic/fixed dims (a String is a symbolic dim). */
    void input(String name, TensorProto.DataType type, Object... dims) {
        graph.addInput(valueInfo(name, type, dims));
    }

    /** A graph output. */
    void output(String name, TensorProto.DataType type, Object... dims) {
        graph.addOutput(valueInfo(name, type, dims));
    }

    /** A float32 initializer (a weight) of that shape, values in row-major order. */
    String initializer(String name, long[] shape, float[] values) {
        graph.addInitializer(floatTensor(name, shape, values));
        return name;
    }

    /** A float32 scalar constant node; returns its output. */
    String constant(String scope, float value) {
        return constantNode(scope, floatTensor("", new long[0], new float[]{value}));
    }

    /** An int64 constant node of that shape ({@code new long[0]} for a scalar); returns its output. */
    String constant(String scope, long[] shape, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) b.putLong(v);
        TensorProto.Builder t = TensorProto.newBuilder().setDataType(TensorProto.DataType.INT64_VALUE)
                .setRawData(ByteString.copyFrom(b.flip()));
        for (long d : shape) t.addDims(d);
        return constantNode(scope, t.build());
    }

    private String constantNode(String scope, TensorProto value) {
        return node(scope, "Constant", List.of(), attr("value", value));
    }

    /** A node of {@code op} in {@code scope} with those inputs and attributes; returns its single output. */
    String node(String scope, String op, List<String> inputs, AttributeProto... attributes) {
        int n = counts.merge(scope + "/" + op, 1, Integer::sum) - 1;
        String name = scope + "/" + op + (n == 0 ? "" : "_" + n);
        String out = name + "_output_0";
        NodeProto.Builder b = NodeProto.newBuilder().setName(name).setOpType(op).addAllInput(inputs).addOutput(out);
        for (AttributeProto a : attributes) b.addAttribute(a);
        graph.addNode(b);
        return out;
    }

    /** Renames the last node's output (for the graph's named outputs). */
    void renameLastOutput(String from, String to) {
        int last = graph.getNodeCount() - 1;
        NodeProto n = graph.getNode(last);
        if (!n.getOutput(0).equals(from)) throw new IllegalStateException("the last node's output is " + n.getOutput(0) + ", not " + from);
        graph.setNode(last, n.toBuilder().setOutput(0, to));
    }

    GraphProto build() {
        return graph.build();
    }

    static AttributeProto attr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(INT).setI(value).build();
    }

    static AttributeProto attr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(FLOAT).setF(value).build();
    }

    static AttributeProto attr(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(INTS);
        for (long v : values) a.addInts(v);
        return a.build();
    }

    static AttributeProto attr(String name, TensorProto value) {
        return AttributeProto.newBuilder().setName(name).setType(TENSOR).setT(value).build();
    }

    private static TensorProto floatTensor(String name, long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(b));
        for (long d : shape) t.addDims(d);
        return t.build();
    }

    private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String s) dim.setDimParam(s); else dim.setDimValue(((Number) d).longValue());
            shape.addDim(dim);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }
}
