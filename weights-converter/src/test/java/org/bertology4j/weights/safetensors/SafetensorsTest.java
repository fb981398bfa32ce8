package org.bertology4j.weights.safetensors;

import org.bertology4j.weights.DType;
import org.bertology4j.weights.Tensor;
import org.bertology4j.weights.WeightsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class SafetensorsTest {
    @TempDir Path tmp;

    private static Tensor random(String name, DType dt, long[] shape, Random rnd) {
        long n = 1;
        for (long s : shape) n *= s;
        byte[] b = new byte[(int) (n * dt.bytes())];
        rnd.nextBytes(b); // arbitrary bit patterns, NaNs included: the round trip must be bit-exact
        return new Tensor(name, dt, shape, ByteBuffer.wrap(b));
    }

    private static byte[] bytes(Tensor t) {
        ByteBuffer b = t.data();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Test
    void roundTripIsBitIdentical() throws IOException {
        Random rnd = new Random(1);
        List<Tensor> tensors = List.of(random("b.weight", DType.F32, new long[]{3, 5}, rnd),
                random("a.bias", DType.F64, new long[]{7}, rnd), random("half", DType.F16, new long[]{2, 3}, rnd),
                random("ids", DType.I64, new long[]{4}, rnd), random("scalar", DType.F32, new long[]{}, rnd),
                random("empty", DType.F32, new long[]{0, 4}, rnd), random("flags", DType.U8, new long[]{3}, rnd));
        Path f = tmp.resolve("m.safetensors");
        SafetensorsWriter.write(f, tensors, Map.of("format", "pt"));

        byte[] file = Files.readAllBytes(f);
        long headerLen = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + headerLen) % 8, "data must start 8-byte aligned");
        String header = new String(file, 8, (int) headerLen, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{") && header.stripTrailing().endsWith("}"), header);
        assertTrue(header.substring(header.lastIndexOf('}') + 1).chars().allMatch(c -> c == ' '), "padding must be spaces");

        try (SafetensorsReader r = SafetensorsReader.open(f)) {
            assertEquals(List.of("b.weight", "a.bias", "half", "ids", "scalar", "empty", "flags"), List.copyOf(r.names()));
            assertEquals(Map.of("format", "pt"), r.metadata());
            for (Tensor t : tensors) {
                Tensor back = r.get(t.name());
                assertEquals(t.dtype(), back.dtype(), t.name());
                assertArrayEquals(t.shape(), back.shape(), t.name());
                assertArrayEquals(bytes(t), bytes(back), t.name());
            }
        }
    }

    @Test
    void truncatedFileNamesFileAndTensor() throws IOException {
        Random rnd = new Random(2);
        Path f = tmp.resolve("t.safetensors");
        SafetensorsWriter.write(f, List.of(random("first", DType.F32, new long[]{4}, rnd), random("last", DType.F32, new long[]{4}, rnd)), null);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(raf.length() - 3);
        }
        WeightsException e = assertThrows(WeightsException.class, () -> SafetensorsReader.open(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("'last'"), e.getMessage());
    }

    private Path rawFile(String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Path f = Files.createTempFile(tmp, "raw", ".safetensors");
        Files.write(f, b.array());
        return f;
    }

    @Test
    void badHeadersAreRejectedWithReason() throws IOException {
        assertMessage(rawFile("{not json", 0), "not valid JSON");
        assertMessage(rawFile("[1,2]", 0), "not a JSON object");
        assertMessage(rawFile("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,16]}}", 8), "'x'", "past the end");
        assertMessage(rawFile("{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8), "'x'", "expected 12");
        assertMessage(rawFile("{\"x\":{\"dtype\":\"Q7\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "'x'", "Q7");
        assertMessage(rawFile("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8), "'x'", "data_offsets");
        assertMessage(rawFile("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"y\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "overlaps");
        Path tiny = tmp.resolve("tiny.safetensors");
        Files.write(tiny, new byte[]{1, 2, 3});
        assertMessage(tiny, "shorter than");
        Path huge = tmp.resolve("huge.safetensors");
        Files.write(huge, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array());
        assertMessage(huge, "does not fit");
    }

    private static void assertMessage(Path f, String... parts) {
        WeightsException e = assertThrows(WeightsException.class, () -> SafetensorsReader.open(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
    }

    @Test
    void missingTensorAndDuplicateNamesAreReported() throws IOException {
        Path f = tmp.resolve("d.safetensors");
        Tensor a = Tensor.ofFloats("a", new long[]{1}, new float[]{1f});
        assertThrows(WeightsException.class, () -> SafetensorsWriter.write(f, List.of(a, a), null));
        SafetensorsWriter.write(f, List.of(a), null);
        try (SafetensorsReader r = SafetensorsReader.open(f)) {
            WeightsException e = assertThrows(WeightsException.class, () -> r.get("zzz"));
            assertTrue(e.getMessage().contains("'zzz'") && e.getMessage().contains(f.toString()), e.getMessage());
        }
    }
}
