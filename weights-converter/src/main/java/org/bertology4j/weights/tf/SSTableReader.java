package org.bertology4j.weights.tf;

import org.bertology4j.weights.WeightsException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Reads every key/value of a LevelDB-format table ("SSTable"), the format of a TensorFlow
 * {@code .index} file. Layout: data blocks, a metaindex block, an index block (key -> BlockHandle of a
 * data block), and a 48-byte footer (two BlockHandles, padding, magic {@code 0xdb4775248b80fb57}).
 * Each block holds prefix-compressed entries ({@code shared, non_shared, value_length} varints, key
 * suffix, value), an array of uint32 restart offsets and their count; it is followed by a 5-byte
 * trailer (compression type, masked CRC-32C of contents + type). TensorFlow writes bundles
 * uncompressed; Snappy blocks are rejected with a clear message.
 */
public final class SSTableReader {
    /** LevelDB table magic number (little-endian in the last 8 bytes). */
    public static final long MAGIC = 0xdb4775248b80fb57L;
    /** Footer: two BlockHandles padded to 40 bytes, then the 8-byte magic. */
    public static final int FOOTER_SIZE = 48;
    /** Block trailer: 1 byte compression type + 4 bytes masked CRC-32C. */
    public static final int TRAILER_SIZE = 5;

    private final Path file;
    private final byte[] bytes;

    private SSTableReader(Path file, byte[] bytes) {
        this.file = file;
        this.bytes = bytes;
    }

    /** Reads all entries of {@code file} in key order; a corrupt or truncated table gives a {@link WeightsException} naming the file. */
    public static Map<String, byte[]> readAll(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new WeightsException("cannot read checkpoint index " + file + ": " + e.getMessage(), e);
        }
        return new SSTableReader(file, bytes).entries();
    }

    /** Reads all entries of a table held in memory ({@code name} is used in error messages). */
    public static Map<String, byte[]> readAll(Path name, byte[] bytes) {
        return new SSTableReader(name, bytes).entries();
    }

    /** LevelDB's CRC mask: rotate right by 15 and add a constant (so CRCs of CRCs are not trivial). */
    public static int maskCrc(int crc) {
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }

    /** CRC-32C (Castagnoli) of a buffer's remaining bytes, unmasked. */
    public static int crc32c(ByteBuffer b) {
        CRC32C c = new CRC32C();
        c.update(b.duplicate());
        return (int) c.getValue();
    }

    private Map<String, byte[]> entries() {
        if (bytes.length < FOOTER_SIZE) {
            throw corrupt("file is " + bytes.length + " bytes, shorter than the " + FOOTER_SIZE + "-byte table footer (truncated?)");
        }
        ByteBuffer footer = ByteBuffer.wrap(bytes, bytes.length - FOOTER_SIZE, FOOTER_SIZE).slice().order(ByteOrder.LITTLE_ENDIAN);
        long magic = footer.getLong(FOOTER_SIZE - 8);
        if (magic != MAGIC) {
            throw corrupt(String.format("bad table magic 0x%016x (expected 0x%016x; truncated or not a TensorFlow index?)", magic, MAGIC));
        }
        Cursor fc = new Cursor(footer, 0, "footer");
        fc.varint64(); fc.varint64(); // metaindex handle: unused (no filters in TF bundles)
        long indexOffset = fc.varint64(), indexSize = fc.varint64();
        Map<String, byte[]> out = new LinkedHashMap<>();
        Map<String, byte[]> index = readBlock(indexOffset, indexSize, "index block");
        String prevKey = null;
        for (Map.Entry<String, byte[]> ie : index.entrySet()) {
            Cursor hc = new Cursor(ByteBuffer.wrap(ie.getValue()), 0, "index entry '" + ie.getKey() + "'");
            long off = hc.varint64(), size = hc.varint64();
            for (Map.Entry<String, byte[]> e : readBlock(off, size, "data block at offset " + off).entrySet()) {
                if (prevKey != null && e.getKey().compareTo(prevKey) <= 0) {
                    throw corrupt("keys out of order: '" + e.getKey() + "' after '" + prevKey + "'");
                }
                prevKey = e.getKey();
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** Decodes one block after checking its bounds and trailer CRC. */
    private Map<String, byte[]> readBlock(long offset, long size, String what) {
        long end = bytes.length - FOOTER_SIZE - TRAILER_SIZE; // handles are varints of any size: compare without overflow
        if (offset < 0 || size < 4 || offset > end || size > end - offset) {
            throw corrupt(what + ": handle [offset " + offset + ", size " + size + "] lies outside the file");
        }
        int off = (int) offset, len = (int) size;
        int type = bytes[off + len] & 0xff;
        CRC32C crc = new CRC32C();
        crc.update(bytes, off, len + 1); // contents followed by the type byte
        int stored = ByteBuffer.wrap(bytes, off + len + 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (maskCrc((int) crc.getValue()) != stored) throw corrupt(what + ": block checksum mismatch (corrupt file)");
        if (type == 1) throw corrupt(what + ": Snappy-compressed blocks are not supported");
        if (type != 0) throw corrupt(what + ": unknown block compression type " + type);

        ByteBuffer block = ByteBuffer.wrap(bytes, off, len).slice().order(ByteOrder.LITTLE_ENDIAN);
        int numRestarts = block.getInt(len - 4);
        long restartsStart = (long) len - 4 - 4L * numRestarts;
        if (numRestarts < 0 || restartsStart < 0) throw corrupt(what + ": bad restart count " + numRestarts);
        Map<String, byte[]> out = new LinkedHashMap<>();
        Cursor c = new Cursor(block, 0, what);
        byte[] key = new byte[0];
        while (c.pos < restartsStart) {
            int shared = c.varint32(), nonShared = c.varint32(), valueLen = c.varint32();
            if (shared > key.length || nonShared < 0 || valueLen < 0
                    || (long) c.pos + nonShared + valueLen > restartsStart) {
                throw corrupt(what + ": malformed entry at block offset " + c.pos);
            }
            byte[] k = Arrays.copyOf(key, shared + nonShared);
            block.get(c.pos, k, shared, nonShared);
            c.pos += nonShared;
            byte[] v = new byte[valueLen];
            block.get(c.pos, v);
            c.pos += valueLen;
            key = k;
            out.put(new String(k, StandardCharsets.UTF_8), v);
        }
        return out;
    }

    private WeightsException corrupt(String msg) {
        return new WeightsException("checkpoint index " + file + ": " + msg);
    }

    /** Varint decoding with bounds checks. */
    private final class Cursor {
        final ByteBuffer buf;
        int pos;
        final String what;

        Cursor(ByteBuffer buf, int pos, String what) {
            this.buf = buf;
            this.pos = pos;
            this.what = what;
        }

        long varint64() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= buf.limit()) throw corrupt(what + ": truncated varint");
                int b = buf.get(pos++) & 0xff;
                result |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) return result;
            }
            throw corrupt(what + ": varint too long");
        }

        int varint32() {
            long v = varint64();
            if (v < 0 || v > Integer.MAX_VALUE) throw corrupt(what + ": varint " + v + " out of range");
            return (int) v;
        }
    }
}
