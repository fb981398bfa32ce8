package org.bertology4j.weights.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bertology4j.weights.DType;
import org.bertology4j.weights.Tensor;
import org.bertology4j.weights.TensorSource;
import org.bertology4j.weights.WeightsException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a safetensors file: 8-byte little-endian header length, a JSON header
 * {@code {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {...}}}, then the data.
 * The whole header is validated when the file is opened (dtype, shape, offsets inside the file, byte
 * counts, no overlap), so a truncated or corrupt file fails early with the file and tensor named.
 * Tensor data is memory-mapped on {@link #get}; nothing is copied.
 */
public final class SafetensorsReader implements TensorSource {
    /** Duplicate keys would silently keep one of two tensors of a name: refused. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** Upper bound on the JSON header (the reference implementation uses 100 MB). */
    private static final long MAX_HEADER = 100L << 20;

    private record Entry(String name, DType dtype, long[] shape, long begin, long end) {}

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final long fileSize;
    private final int headerCrc32c;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private SafetensorsReader(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        long size = channel.size();
        this.fileSize = size;
        if (size < 8) throw corrupt("file is " + size + " bytes, shorter than the 8-byte header length");
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(lenBuf, 0);
        long headerLen = lenBuf.getLong(0);
        if (headerLen <= 0 || headerLen > MAX_HEADER) throw corrupt("header length " + headerLen + " is not plausible");
        if (8 + headerLen > size) {
            throw corrupt("header of " + headerLen + " bytes does not fit in the " + size + "-byte file (truncated?)");
        }
        ByteBuffer header = ByteBuffer.allocate((int) headerLen);
        readFully(header, 8);
        dataStart = 8 + headerLen;
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(lenBuf.array());
        crc.update(header.array());
        headerCrc32c = (int) crc.getValue();
        parseHeader(new String(header.array(), StandardCharsets.UTF_8), size - dataStart);
    }

    /** Opens and validates a safetensors file. */
    public static SafetensorsReader open(Path file) {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new WeightsException("cannot open safetensors file " + file + ": " + e.getMessage(), e);
        }
        try {
            return new SafetensorsReader(file, ch);
        } catch (IOException | RuntimeException e) {
            try { ch.close(); } catch (IOException ignored) { }
            if (e instanceof WeightsException w) throw w;
            throw new WeightsException("cannot read safetensors file " + file + ": " + e.getMessage(), e);
        }
    }

    private void readFully(ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos + buf.position());
            if (n < 0) throw corrupt("unexpected end of file");
        }
    }

    private void parseHeader(String text, long dataLen) {
        JsonNode root;
        try {
            root = JSON.readTree(text.trim());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw corrupt("header is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw corrupt("header is not a JSON object");
        List<Entry> list = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("__metadata__")) {
                if (!f.getValue().isObject()) throw corrupt("__metadata__ is not an object of strings");
                for (Iterator<Map.Entry<String, JsonNode>> m = f.getValue().fields(); m.hasNext(); ) {
                    Map.Entry<String, JsonNode> kv = m.next();
                    if (!kv.getValue().isTextual()) throw corrupt("__metadata__ value of '" + kv.getKey() + "' is not a string");
                    metadata.put(kv.getKey(), kv.getValue().asText());
                }
                continue;
            }
            Entry e = parseEntry(f.getKey(), f.getValue(), dataLen);
            entries.put(e.name, e);
            list.add(e);
        }
        list.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        for (int i = 1; i < list.size(); i++) {
            Entry a = list.get(i - 1), b = list.get(i);
            if (b.begin < a.end) {
                throw corrupt("tensor '" + b.name + "' data [" + b.begin + "," + b.end + ") overlaps tensor '" + a.name + "'");
            }
        }
    }

    private Entry parseEntry(String name, JsonNode n, long dataLen) {
        String where = "tensor '" + name + "'";
        if (!n.isObject()) throw corrupt(where + ": header entry is not an object");
        JsonNode dt = n.get("dtype"), sh = n.get("shape"), off = n.get("data_offsets");
        if (dt == null || sh == null || off == null) throw corrupt(where + ": header entry needs dtype, shape and data_offsets");
        DType dtype;
        try {
            dtype = DType.fromSafetensors(dt.asText());
        } catch (WeightsException e) {
            throw corrupt(where + ": " + e.getMessage());
        }
        if (!sh.isArray()) throw corrupt(where + ": shape is not an array");
        long[] shape = new long[sh.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!isLong(sh.get(i)) || sh.get(i).asLong() < 0) throw corrupt(where + ": bad shape " + sh);
            shape[i] = sh.get(i).asLong();
        }
        long expected;
        try {
            for (long d : shape) count = Math.multiplyExact(count, d);
            expected = Math.multiplyExact(count, (long) dtype.bytes());
        } catch (ArithmeticException overflow) {
            throw corrupt(where + ": shape " + sh + " has more elements than any file can hold");
        }
        if (!off.isArray() || off.size() != 2 || !isLong(off.get(0)) || !isLong(off.get(1))) {
            throw corrupt(where + ": data_offsets must be [begin, end], got " + off);
        }
        long begin = off.get(0).asLong(), end = off.get(1).asLong();
        if (begin < 0 || end < begin) throw corrupt(where + ": bad data_offsets [" + begin + "," + end + "]");
        if (end > dataLen) {
            throw corrupt(where + ": data_offsets [" + begin + "," + end + "] run past the end of the data ("
                    + dataLen + " bytes; file truncated?)");
        }
        if (end - begin != expected) {
            throw corrupt(where + ": " + (end - begin) + " bytes for shape " + sh + " " + dtype + " (expected " + expected + ")");
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    /** A JSON integer that fits a long: not 3.5, not 3.0, not "3". */
    private static boolean isLong(JsonNode n) { return n.isIntegralNumber() && n.canConvertToLong(); }

    private WeightsException corrupt(String msg) {
        return new WeightsException("safetensors file " + file + ": " + msg);
    }

    /** The {@code __metadata__} map (empty when absent). */
    public Map<String, String> metadata() { return Collections.unmodifiableMap(metadata); }

    @Override public Set<String> names() { return Collections.unmodifiableSet(entries.keySet()); }

    /** The file's size in bytes. */
    public long fileSize() { return fileSize; }

    /** CRC-32C of everything before the data: the 8-byte length and the JSON header with its padding. */
    public int headerCrc32c() { return headerCrc32c; }

    @Override
    public Tensor get(String name) {
        Entry e = entries.get(name);
        if (e == null) throw new WeightsException("tensor '" + name + "' is missing from " + description());
        if (e.end - e.begin > Integer.MAX_VALUE) {
            throw new WeightsException("tensor '" + name + "' of " + file + " is " + (e.end - e.begin)
                    + " bytes; tensors over 2 GiB are not supported");
        }
        try {
            ByteBuffer data = e.end == e.begin ? ByteBuffer.allocate(0)
                    : channel.map(FileChannel.MapMode.READ_ONLY, dataStart + e.begin, e.end - e.begin);
            return new Tensor(name, e.dtype, e.shape, data);
        } catch (IOException ex) {
            throw new WeightsException("cannot map tensor '" + name + "' of " + file + ": " + ex.getMessage(), ex);
        }
    }

    @Override public String description() { return "safetensors file " + file; }

    @Override
    public void close() {
        try {
            channel.close(); // mapped buffers stay valid after the channel is closed
        } catch (IOException ignored) {
        }
    }
}
