package org.bertology4j.weights.tf;

import org.bertology4j.weights.tf.proto.BundleEntryProto;
import org.bertology4j.weights.tf.proto.BundleHeaderProto;
import org.bertology4j.weights.tf.proto.DataType;
import org.bertology4j.weights.tf.proto.TensorShapeProto;
import org.bertology4j.weights.tf.proto.VersionDef;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Test fixture: writes a minimal TensorFlow TensorBundle ({@code prefix.index} SSTable + one data shard)
 * following LevelDB's table format independently of the reader: small data blocks (several per file),
 * a restart point every {@code restartInterval} keys so shared-prefix compression is exercised.
 */
public final class TfBundleFixtureWriter {
    private final Map<String, BundleEntryProto> entries = new TreeMap<>();
    private final ByteArrayOutputStream shard = new ByteArrayOutputStream();
    private int blockSize = 64;
    private int restartInterval = 2;
    private BundleHeaderProto header = BundleHeaderProto.newBuilder().setNumShards(1)
            .setEndianness(BundleHeaderProto.Endianness.LITTLE).setVersion(VersionDef.newBuilder().setProducer(1)).build();
    private final Map<String, byte[]> rawValues = new TreeMap<>();
    private java.util.function.Consumer<byte[]> blockMutator = b -> { };

    /** Target size of a data block before it is cut (small to force several blocks). */
    public TfBundleFixtureWriter blockSize(int bytes) { this.blockSize = bytes; return this; }

    /** Keys between restart points. */
    public TfBundleFixtureWriter restartInterval(int n) { this.restartInterval = n; return this; }

    /** The bundle header written under the empty key (fuzzing: any header). */
    public TfBundleFixtureWriter header(BundleHeaderProto h) { this.header = h; return this; }

    /** The entries written so far, by tensor name (fuzzing: replace one to write any entry). */
    public Map<String, BundleEntryProto> entries() { return entries; }

    /** Writes {@code value} under {@code key} as is instead of an entry (fuzzing: values that are not protos). */
    public TfBundleFixtureWriter rawValue(String key, byte[] value) { rawValues.put(key, value); return this; }

    /** Changes every block's bytes before its checksum is computed (fuzzing: corrupt contents behind valid CRCs). */
    public TfBundleFixtureWriter blockMutator(java.util.function.Consumer<byte[]> m) { this.blockMutator = m; return this; }

    /** The data shard's bytes as written so far. */
    public byte[] shardBytes() { return shard.toByteArray(); }

    /** Adds a float32 tensor. */
    public TfBundleFixtureWriter addFloats(String name, long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putFloat(v);
        return addRaw(name, DataType.DT_FLOAT_VALUE, shape, b.array());
    }

    /** Adds a tensor with any TF DataType number and raw little-endian bytes. */
    public TfBundleFixtureWriter addRaw(String name, int tfDtype, long[] shape, byte[] bytes) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : shape) s.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        entries.put(name, BundleEntryProto.newBuilder().setDtypeValue(tfDtype).setShape(s).setShardId(0)
                .setOffset(shard.size()).setSize(bytes.length).setCrc32C(mask((int) crc.getValue())).build());
        shard.writeBytes(bytes);
        return this;
    }

    /** LevelDB/TF crc mask, written out here independently of the reader. */
    static int mask(int crc) {
        return Integer.rotateRight(crc, 15) + 0xa282ead8;
    }

    /** Writes {@code prefix.index} and {@code prefix.data-00000-of-00001}. */
    public void write(Path prefix) throws IOException {
        Files.write(prefix.resolveSibling(prefix.getFileName() + ".data-00000-of-00001"), shard.toByteArray());
        TreeMap<String, byte[]> kv = new TreeMap<>();
        kv.put("", header.toByteArray());
        entries.forEach((k, v) -> kv.put(k, v.toByteArray()));
        kv.putAll(rawValues);

        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<byte[]> indexKeys = new ArrayList<>();
        List<byte[]> indexValues = new ArrayList<>();
        BlockBuilder block = new BlockBuilder();
        String lastKey = null;
        for (Map.Entry<String, byte[]> e : kv.entrySet()) {
            block.add(e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue());
            lastKey = e.getKey();
            if (block.size() >= blockSize) {
                indexKeys.add(lastKey.getBytes(StandardCharsets.UTF_8));
                indexValues.add(writeBlock(file, block.finish()));
                block = new BlockBuilder();
            }
        }
        if (!block.isEmpty()) {
            indexKeys.add(lastKey.getBytes(StandardCharsets.UTF_8));
            indexValues.add(writeBlock(file, block.finish()));
        }
        byte[] metaHandle = writeBlock(file, new BlockBuilder().finish());
        BlockBuilder index = new BlockBuilder();
        for (int i = 0; i < indexKeys.size(); i++) index.add(indexKeys.get(i), indexValues.get(i));
        byte[] indexHandle = writeBlock(file, index.finish());
        ByteBuffer footer = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        footer.put(metaHandle).put(indexHandle);
        footer.position(40);
        footer.putLong(0xdb4775248b80fb57L);
        file.writeBytes(footer.array());
        Files.write(prefix.resolveSibling(prefix.getFileName() + ".index"), file.toByteArray());
    }

    /** Appends block + trailer (type 0, masked crc of block + type); returns the encoded BlockHandle. */
    private byte[] writeBlock(ByteArrayOutputStream file, byte[] block) {
        blockMutator.accept(block);
        long offset = file.size();
        file.writeBytes(block);
        CRC32C crc = new CRC32C();
        crc.update(block);
        crc.update(0);
        ByteBuffer t = ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN);
        t.put((byte) 0).putInt(mask((int) crc.getValue()));
        file.writeBytes(t.array());
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        varint(h, offset);
        varint(h, block.length);
        return h.toByteArray();
    }

    static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** One block with prefix compression against the previous key and periodic restarts. */
    private final class BlockBuilder {
        final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        final List<Integer> restarts = new ArrayList<>(List.of(0));
        byte[] prev = new byte[0];
        int sinceRestart = 0;

        void add(byte[] key, byte[] value) {
            int shared = 0;
            if (sinceRestart < restartInterval) {
                while (shared < Math.min(prev.length, key.length) && prev[shared] == key[shared]) shared++;
            } else {
                restarts.add(buf.size());
                sinceRestart = 0;
            }
            varint(buf, shared);
            varint(buf, key.length - shared);
            varint(buf, value.length);
            buf.write(key, shared, key.length - shared);
            buf.writeBytes(value);
            prev = key;
            sinceRestart++;
        }

        int size() { return buf.size(); }

        boolean isEmpty() { return buf.size() == 0; }

        byte[] finish() {
            ByteBuffer r = ByteBuffer.allocate(4 * restarts.size() + 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int x : restarts) r.putInt(x);
            r.putInt(restarts.size());
            buf.writeBytes(r.array());
            return buf.toByteArray();
        }
    }
}
