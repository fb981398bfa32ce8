package org.bertology4j.weights.tf;

import com.google.protobuf.InvalidProtocolBufferException;
import org.bertology4j.weights.DType;
import org.bertology4j.weights.Tensor;
import org.bertology4j.weights.TensorSource;
import org.bertology4j.weights.WeightsException;
import org.bertology4j.weights.tf.proto.BundleEntryProto;
import org.bertology4j.weights.tf.proto.BundleHeaderProto;
import org.bertology4j.weights.tf.proto.TensorShapeProto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a TensorFlow TensorBundle checkpoint ({@code prefix.index} + {@code prefix.data-SSSSS-of-NNNNN}).
 * The index is an SSTable: the empty key holds a {@code BundleHeaderProto}, every other key is a tensor
 * name whose value is a {@code BundleEntryProto} (dtype, shape, shard, offset, size, crc32c).
 * On open, every entry is checked against its shard (offset + size inside the file, size consistent with
 * shape and dtype), so a truncated shard fails immediately with the tensor named. On {@link #get} the
 * data is memory-mapped and its CRC-32C (stored masked, as TF does) is verified.
 */
public final class TfCheckpointReader implements TensorSource {
    private final Path prefix;
    private final Path indexFile;
    private final Map<String, BundleEntryProto> entries = new LinkedHashMap<>();
    private final int numShards;
    /** Shards opened so far: a header may claim any count, so nothing is allocated per shard up front. */
    private final Map<Integer, FileChannel> shards = new java.util.HashMap<>();
    private boolean verifyChecksums = true;

    private TfCheckpointReader(Path prefix) {
        this.prefix = prefix;
        this.indexFile = prefix.resolveSibling(prefix.getFileName() + ".index");
        if (!Files.isRegularFile(indexFile)) {
            throw new WeightsException("checkpoint index " + indexFile + " not found (expected a checkpoint prefix such as .../variables/variables)");
        }
        Map<String, byte[]> table = SSTableReader.readAll(indexFile);
        byte[] headerBytes = table.remove("");
        if (headerBytes == null) throw new WeightsException("checkpoint index " + indexFile + ": no bundle header (empty key)");
        BundleHeaderProto header;
        try {
            header = BundleHeaderProto.parseFrom(headerBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new WeightsException("checkpoint index " + indexFile + ": corrupt bundle header: " + e.getMessage(), e);
        }
        if (header.getEndianness() != BundleHeaderProto.Endianness.LITTLE) {
            throw new WeightsException("checkpoint index " + indexFile + ": big-endian bundles are not supported");
        }
        numShards = header.getNumShards();
        if (numShards <= 0) throw new WeightsException("checkpoint index " + indexFile + ": bad shard count " + numShards);
        for (Map.Entry<String, byte[]> e : table.entrySet()) {
            try {
                entries.put(e.getKey(), BundleEntryProto.parseFrom(e.getValue()));
            } catch (InvalidProtocolBufferException ex) {
                throw new WeightsException("checkpoint index " + indexFile + ": corrupt entry for tensor '" + e.getKey() + "': " + ex.getMessage(), ex);
            }
        }
        try {
            validateEntries();
        } catch (RuntimeException ex) {
            close();
            throw ex;
        }
    }

    /** Opens the checkpoint whose files are {@code prefix.index} and {@code prefix.data-*}. */
    public static TfCheckpointReader open(Path prefix) {
        return new TfCheckpointReader(prefix);
    }

    /** Turns CRC-32C verification on {@link #get} on or off (on by default). */
    public TfCheckpointReader verifyChecksums(boolean on) {
        this.verifyChecksums = on;
        return this;
    }

    private void validateEntries() {
        for (Map.Entry<String, BundleEntryProto> e : entries.entrySet()) {
            String name = e.getKey();
            BundleEntryProto en = e.getValue();
            int s = en.getShardId();
            if (s < 0 || s >= numShards) throw bad(name, "shard id " + s + " outside [0," + numShards + ")");
            if (en.getSlicesCount() > 0) continue; // partitioned variable: reported on get()
            FileChannel ch = shard(s, name);
            long size;
            try {
                size = ch.size();
            } catch (IOException ex) {
                throw bad(name, "cannot read shard " + shardFile(s) + ": " + ex.getMessage());
            }
            if (en.getOffset() < 0 || en.getSize() < 0 || en.getOffset() > size - en.getSize()) { // no overflow
                throw bad(name, "data [offset " + en.getOffset() + ", size " + en.getSize() + "] runs past the end of shard "
                        + shardFile(s) + " (" + size + " bytes; truncated?)");
            }
            if (en.getSize() > Integer.MAX_VALUE) throw bad(name, en.getSize() + " bytes; tensors over 2 GiB are not supported");
            DType dt = dtypeOrNull(en);
            if (dt != null) {
                long elements = numElements(en.getShape());
                long expected = elements < 0 || elements > Long.MAX_VALUE / dt.bytes() ? -1 : elements * dt.bytes();
                if (expected < 0) throw bad(name, "shape " + shapeString(en.getShape()) + " has a negative dimension or too many elements");
                if (expected != en.getSize()) {
                    throw bad(name, en.getSize() + " bytes for shape " + shapeString(en.getShape()) + " " + dt + " (expected " + expected + ")");
                }
            }
        }
    }

    private Path shardFile(int s) {
        return prefix.resolveSibling(String.format("%s.data-%05d-of-%05d", prefix.getFileName(), s, numShards));
    }

    private synchronized FileChannel shard(int s, String tensor) {
        FileChannel ch = shards.get(s);
        if (ch == null) {
            try {
                ch = FileChannel.open(shardFile(s), StandardOpenOption.READ);
            } catch (IOException ex) {
                throw bad(tensor, "cannot open data shard " + shardFile(s) + ": " + ex.getMessage());
            }
            shards.put(s, ch);
        }
        return ch;
    }

    private WeightsException bad(String tensor, String msg) {
        return new WeightsException("checkpoint " + indexFile + ", tensor '" + tensor + "': " + msg);
    }

    /** Maps TF's DataType numbers to our dtypes; null for types we cannot hold (strings, complex, quantized, resources). */
    static DType dtypeOrNull(BundleEntryProto en) {
        return switch (en.getDtypeValue()) {
            case 1 -> DType.F32;
            case 2 -> DType.F64;
            case 3 -> DType.I32;
            case 4 -> DType.U8;
            case 5 -> DType.I16;
            case 6 -> DType.I8;
            case 9 -> DType.I64;
            case 10 -> DType.BOOL;
            case 14 -> DType.BF16;
            case 19 -> DType.F16;
            default -> null;
        };
    }

    static long[] shape(TensorShapeProto p) {
        long[] s = new long[p.getDimCount()];
        for (int i = 0; i < s.length; i++) s[i] = p.getDim(i).getSize();
        return s;
    }

    /** Elements of a shape; -1 for a negative (unknown) dimension or more elements than a long counts. */
    private static long numElements(TensorShapeProto p) {
        long n = 1;
        for (TensorShapeProto.Dim d : p.getDimList()) {
            if (d.getSize() < 0) return -1;
            try {
                n = Math.multiplyExact(n, d.getSize());
            } catch (ArithmeticException overflow) {
                return -1;
            }
        }
        return n;
    }

    private static String shapeString(TensorShapeProto p) { return java.util.Arrays.toString(shape(p)); }

    /** Shape of a tensor as recorded in the index (no data read). */
    public long[] shapeOf(String name) { return shape(entry(name).getShape()); }

    /** TensorFlow DataType number of a tensor (1 = float, 9 = int64, ...). */
    public int tfDtypeOf(String name) { return entry(name).getDtypeValue(); }

    private BundleEntryProto entry(String name) {
        BundleEntryProto en = entries.get(name);
        if (en == null) throw new WeightsException("tensor '" + name + "' is missing from " + description());
        return en;
    }

    @Override public Set<String> names() { return Collections.unmodifiableSet(entries.keySet()); }

    @Override
    public Tensor get(String name) {
        BundleEntryProto en = entry(name);
        if (en.getSlicesCount() > 0) throw bad(name, "partitioned (sliced) variables are not supported");
        DType dt = dtypeOrNull(en);
        if (dt == null) {
            throw bad(name, "unsupported dtype " + en.getDtype() + " (TF DataType " + en.getDtypeValue() + ")");
        }
        ByteBuffer data;
        try {
            data = en.getSize() == 0 ? ByteBuffer.allocate(0)
                    : shard(en.getShardId(), name).map(FileChannel.MapMode.READ_ONLY, en.getOffset(), en.getSize());
        } catch (IOException ex) {
            throw bad(name, "cannot map data from " + shardFile(en.getShardId()) + ": " + ex.getMessage());
        }
        if (verifyChecksums) {
            int actual = SSTableReader.crc32c(data);
            if (SSTableReader.maskCrc(actual) != en.getCrc32C()) {
                throw bad(name, String.format("CRC-32C mismatch in %s: stored 0x%08x (masked), computed 0x%08x (masked); corrupt shard",
                        shardFile(en.getShardId()), en.getCrc32C(), SSTableReader.maskCrc(actual)));
            }
        }
        return new Tensor(name, dt, shape(en.getShape()), data);
    }

    @Override public String description() { return "TensorFlow checkpoint " + prefix; }

    @Override
    public synchronized void close() {
        for (FileChannel ch : shards.values()) {
            try { ch.close(); } catch (IOException ignored) { }
        }
        shards.clear();
    }
}
