package org.bertology4j.weights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.weights.safetensors.SafetensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Changed weights never answer: per-tensor checksums recorded at conversion are checked on every read. */
class WeightsIntegrityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path tmp;

    /** A converted-looking model directory: config, vocab, weights and provenance with (or without) checksums. */
    private Path model(String name, boolean withChecksums, boolean withProvenance) throws Exception {
        BertConfig c = new BertConfig(6, 4, 1, 2, 8, "gelu", 5, 2, 1e-12, 0);
        Path dir = Files.createDirectories(tmp.resolve(name));
        c.write(dir.resolve("config.json"));
        Files.writeString(dir.resolve("vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\na\n");
        List<Tensor> ts = new ArrayList<>();
        java.util.Random r = new java.util.Random(1);
        HfBertNames.required(c).forEach((n, s) -> {
            float[] v = new float[(int) java.util.Arrays.stream(s).reduce(1, (a, b) -> a * b)];
            for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
            ts.add(Tensor.ofFloats(n, s, v));
        });
        Path weights = dir.resolve("model.safetensors");
        SafetensorsWriter.write(weights, ts, java.util.Map.of("format", "pt"));
        if (withProvenance) {
            ObjectNode prov = JSON.createObjectNode().put("model_sha256", ModelConverter.sha256(weights));
            if (withChecksums) {
                try (var s = org.bertology4j.weights.safetensors.SafetensorsReader.open(weights)) {
                    prov.set("tensor_crc32c", JSON.valueToTree(TensorChecksums.of(s)));
                    prov.put("header_crc32c", TensorChecksums.header(s)).put("model_size", s.fileSize());
                }
            }
            Files.writeString(dir.resolve("bertology4j.json"), JSON.writeValueAsString(prov));
        }
        return dir;
    }

    private static void readAll(Path dir) {
        try (TensorSource t = ModelDirectory.open(dir).tensors()) {
            for (String n : t.names()) t.get(n);
        }
    }

    /** Three floats of one tensor changed in place (finite values, same size): the read fails naming the tensor. */
    @Test
    void threeChangedFloatsAreCaughtAndNamed() throws Exception {
        Path dir = model("m", true, true);
        readAll(dir);
        Path weights = dir.resolve("model.safetensors");
        long headerLength;
        try (RandomAccessFile f = new RandomAccessFile(weights.toFile(), "rw")) {
            byte[] eight = new byte[8];
            f.readFully(eight);
            headerLength = ByteBuffer.wrap(eight).order(ByteOrder.LITTLE_ENDIAN).getLong();
            long last = f.length() - 4;   // the last tensor's last floats
            for (int k = 0; k < 3; k++) {
                f.seek(last - 4L * k);
                f.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.125f + k).array());
            }
        }
        assertTrue(headerLength > 0);
        WeightsException e = assertThrows(WeightsException.class, () -> readAll(dir));
        assertTrue(e.getMessage().contains("does not match its checksum recorded at conversion"), e.getMessage());
        assertTrue(e.getMessage().contains("tensor '"), e.getMessage());
    }

    /** A directory converted before checksums existed gets them once, after its SHA-256 is checked. */
    @Test
    void anOlderConversionIsCheckedByItsSha256AndGetsChecksumsOnce() throws Exception {
        Path dir = model("old", false, true);
        readAll(dir);
        assertTrue(JSON.readTree(dir.resolve("bertology4j.json").toFile()).has("tensor_crc32c"), "checksums recorded");
        readAll(dir);   // now verified tensor by tensor

        Path changed = model("old-changed", false, true);
        try (RandomAccessFile f = new RandomAccessFile(changed.resolve("model.safetensors").toFile(), "rw")) {
            f.seek(f.length() - 4);
            f.write(new byte[]{1, 2, 3, 4});
        }
        WeightsException e = assertThrows(WeightsException.class, () -> readAll(changed));
        assertTrue(e.getMessage().contains("changed since it was converted"), e.getMessage());
        assertFalse(JSON.readTree(changed.resolve("bertology4j.json").toFile()).has("tensor_crc32c"));
    }

    /**
     * Bytes outside the tensors count too: metadata edited in the header, or bytes appended after the last tensor,
     * change the file's SHA-256 without changing a tensor, so the load refuses rather than carry the old hash.
     */
    @Test
    void headerAndSizeAreCheckedToo() throws Exception {
        Path dir = model("meta", true, true);
        Path weights = dir.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("\"pt\"");
        bytes[at + 1] = 't';   // metadata "format": "pt" -> "tt": same size, same tensors, another file
        bytes[at + 2] = 't';
        Files.write(weights, bytes);
        readAllWithoutChecksums(dir);   // still a valid file
        WeightsException e = assertThrows(WeightsException.class, () -> readAll(dir));
        assertTrue(e.getMessage().contains("has another header than when converted"), e.getMessage());

        Path grown = model("grown", true, true);
        Files.write(grown.resolve("model.safetensors"), new byte[]{0, 0, 0, 0}, java.nio.file.StandardOpenOption.APPEND);
        e = assertThrows(WeightsException.class, () -> readAll(grown));
        assertTrue(e.getMessage().contains("changed since it was converted") && e.getMessage().contains("bytes"), e.getMessage());
    }

    private static void readAllWithoutChecksums(Path dir) {
        try (TensorSource t = org.bertology4j.weights.safetensors.SafetensorsReader.open(dir.resolve("model.safetensors"))) {
            for (String n : t.names()) t.get(n);
        }
    }

    /** Tensor checksums recorded without the header's (the first checksummed conversions): completed once. */
    @Test
    void checksumsWithoutTheHeaderRecordAreCompletedOnce() throws Exception {
        Path dir = model("first", true, true);
        var prov = (ObjectNode) JSON.readTree(dir.resolve("bertology4j.json").toFile());
        prov.remove("header_crc32c");
        prov.remove("model_size");
        Files.writeString(dir.resolve("bertology4j.json"), JSON.writeValueAsString(prov));
        readAll(dir);
        var after = JSON.readTree(dir.resolve("bertology4j.json").toFile());
        assertTrue(after.has("header_crc32c") && after.get("model_size").asLong() == Files.size(dir.resolve("model.safetensors")), after.toString());
        assertEquals(prov.get("tensor_crc32c"), after.get("tensor_crc32c"));
        readAll(dir);
    }

    /** A Hugging Face directory (no provenance) loads, unverified, with a notice. */
    @Test
    void aForeignDirectoryLoads() throws Exception {
        readAll(model("hf", false, false));
    }

    /** The converter records checksums of the bytes it wrote. */
    @Test
    void theConverterRecordsChecksums() throws Exception {
        Path prefix = new TinyTfBert().write(tmp.resolve("ckpt"), true);
        Path out = tmp.resolve("converted");
        ModelConverter.convert(prefix, out);
        var prov = JSON.readTree(out.resolve("bertology4j.json").toFile());
        assertEquals(prov.path("tensors").asInt(), prov.get("tensor_crc32c").size());
        assertEquals(Files.size(out.resolve("model.safetensors")), prov.get("model_size").asLong());
        assertEquals(8, prov.get("header_crc32c").asText().length());
        readAll(out);
    }
}
