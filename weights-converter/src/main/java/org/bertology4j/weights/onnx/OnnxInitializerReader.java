package org.bertology4j.weights.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import org.bertology4j.weights.DType;
import org.bertology4j.weights.Tensor;
import org.bertology4j.weights.TensorSource;
import org.bertology4j.weights.WeightsException;
import org.bertology4j.weights.onnx.proto.GraphProto;
import org.bertology4j.weights.onnx.proto.ModelProto;
import org.bertology4j.weights.onnx.proto.StringStringEntryProto;
import org.bertology4j.weights.onnx.proto.TensorProto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The initializers (stored weights) of an ONNX model, under their ONNX names. Data may be in
 * {@code raw_data} (little-endian), in the typed repeated fields ({@code float_data}, {@code int32_data},
 * {@code int64_data}, {@code double_data}) or in an external file ({@code data_location = EXTERNAL},
 * {@code external_data} keys {@code location, offset, length}, resolved next to the model).
 * The parsed graph is kept for {@link OnnxBertMapping}.
 */
public final class OnnxInitializerReader implements TensorSource {
    private final Path file;
    private final GraphProto graph;
    private final Map<String, TensorProto> initializers = new LinkedHashMap<>();

    private OnnxInitializerReader(Path file, ModelProto model) {
        this.file = file;
        if (!model.hasGraph()) throw new WeightsException("ONNX model " + file + " has no graph");
        this.graph = model.getGraph();
        for (TensorProto t : graph.getInitializerList()) initializers.put(t.getName(), t);
    }

    /** Parses an ONNX model file. */
    public static OnnxInitializerReader open(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            CodedInputStream cis = CodedInputStream.newInstance(in);
            cis.setSizeLimit(Integer.MAX_VALUE); // weights easily exceed protobuf's 64 MB default
            cis.setRecursionLimit(1000);
            ModelProto model = ModelProto.parseFrom(cis);
            return new OnnxInitializerReader(file, model);
        } catch (IOException e) {
            throw new WeightsException("cannot parse ONNX model " + file + " (truncated or not ONNX?): " + e.getMessage(), e);
        }
    }

    /** The model graph (nodes, initializers), for name resolution. */
    public GraphProto graph() { return graph; }

    /** The file this model was read from. */
    public Path file() { return file; }

    @Override public Set<String> names() { return Collections.unmodifiableSet(initializers.keySet()); }

    @Override
    public Tensor get(String name) {
        TensorProto t = initializers.get(name);
        if (t == null) throw new WeightsException("tensor '" + name + "' is missing from " + description());
        return toTensor(t, file);
    }

    /** Shape of an initializer without decoding its data. */
    public long[] shapeOf(String name) {
        TensorProto t = initializers.get(name);
        if (t == null) throw new WeightsException("tensor '" + name + "' is missing from " + description());
        return t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    /** Decodes an ONNX TensorProto (also used for Constant node values); {@code model} resolves external data. */
    public static Tensor toTensor(TensorProto t, Path model) {
        String name = t.getName();
        long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        DType dt = switch (t.getDataType()) {
            case 1 -> DType.F32;
            case 2 -> DType.U8;
            case 3 -> DType.I8;
            case 5 -> DType.I16;
            case 6 -> DType.I32;
            case 7 -> DType.I64;
            case 9 -> DType.BOOL;
            case 10 -> DType.F16;
            case 11 -> DType.F64;
            case 16 -> DType.BF16;
            default -> throw new WeightsException("ONNX model " + model + ", tensor '" + name
                    + "': unsupported data_type " + t.getDataType());
        };
        long n = 1;
        for (long s : shape) n *= s;
        ByteBuffer data;
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            data = external(t, model, n * dt.bytes());
        } else if (!t.getRawData().isEmpty()) {
            data = t.getRawData().asReadOnlyByteBuffer();
        } else {
            data = ByteBuffer.allocate(Math.toIntExact(n * dt.bytes())).order(ByteOrder.LITTLE_ENDIAN);
            int count;
            switch (dt) {
                case F32 -> { count = t.getFloatDataCount(); for (int i = 0; i < Math.min(count, n); i++) data.putFloat(t.getFloatData(i)); }
                case F64 -> { count = t.getDoubleDataCount(); for (int i = 0; i < Math.min(count, n); i++) data.putDouble(t.getDoubleData(i)); }
                case I64 -> { count = t.getInt64DataCount(); for (int i = 0; i < Math.min(count, n); i++) data.putLong(t.getInt64Data(i)); }
                case I32 -> { count = t.getInt32DataCount(); for (int i = 0; i < Math.min(count, n); i++) data.putInt(t.getInt32Data(i)); }
                // int32_data carries the narrow types, one value per element (F16/BF16 as raw bits).
                case I16, F16, BF16 -> { count = t.getInt32DataCount(); for (int i = 0; i < Math.min(count, n); i++) data.putShort((short) t.getInt32Data(i)); }
                case I8, U8, BOOL -> { count = t.getInt32DataCount(); for (int i = 0; i < Math.min(count, n); i++) data.put((byte) t.getInt32Data(i)); }
                default -> throw new IllegalStateException();
            }
            if (count != n) {
                throw new WeightsException("ONNX model " + model + ", tensor '" + name + "': " + count
                        + " values for shape " + java.util.Arrays.toString(shape) + " (expected " + n + ")");
            }
            data.flip();
        }
        if (data.remaining() != n * dt.bytes()) {
            throw new WeightsException("ONNX model " + model + ", tensor '" + name + "': " + data.remaining()
                    + " bytes of data for shape " + java.util.Arrays.toString(shape) + " " + dt + " (expected " + n * dt.bytes() + ")");
        }
        return new Tensor(name, dt, shape, data);
    }

    private static ByteBuffer external(TensorProto t, Path model, long expected) {
        String location = null;
        long offset = 0, length = expected;
        for (StringStringEntryProto kv : t.getExternalDataList()) {
            switch (kv.getKey()) {
                case "location" -> location = kv.getValue();
                case "offset" -> offset = Long.parseLong(kv.getValue());
                case "length" -> length = Long.parseLong(kv.getValue());
                default -> { }
            }
        }
        if (location == null) throw new WeightsException("ONNX model " + model + ", tensor '" + t.getName() + "': external data without location");
        Path dir = model.toAbsolutePath().getParent();
        Path ext = dir.resolve(location).normalize();
        if (!ext.startsWith(dir)) throw new WeightsException("ONNX model " + model + ", tensor '" + t.getName() + "': external location escapes model directory: " + location);
        try (FileChannel ch = FileChannel.open(ext, StandardOpenOption.READ)) {
            if (offset < 0 || offset + length > ch.size()) {
                throw new WeightsException("ONNX external data " + ext + ", tensor '" + t.getName() + "': [offset " + offset
                        + ", length " + length + "] runs past the end of the file (" + ch.size() + " bytes)");
            }
            return ch.map(FileChannel.MapMode.READ_ONLY, offset, length);
        } catch (IOException e) {
            throw new WeightsException("ONNX model " + model + ", tensor '" + t.getName() + "': cannot read external data " + ext + ": " + e.getMessage(), e);
        }
    }

    @Override public String description() { return "ONNX model " + file; }
}
