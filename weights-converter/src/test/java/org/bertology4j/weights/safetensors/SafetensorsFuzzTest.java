package org.bertology4j.weights.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.weights.DType;
import org.bertology4j.weights.Fuzz;
import org.bertology4j.weights.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random mutations of a small valid safetensors file (bit flips, byte changes, truncations, insertions,
 * header length changes, and edits of the JSON header: dtypes, shapes, offsets, names, metadata, duplicates):
 * opening the file and reading every tensor either works or fails with a {@code WeightsException} naming the file;
 * nothing else may escape. Counts and time are printed; docs/reliability.md quotes them.
 */
class SafetensorsFuzzTest {
    static final int BYTE_MUTATIONS = 3000, HEADER_EDITS = 3000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @TempDir Path tmp;

    /** A valid file with several dtypes, a scalar and an empty tensor; returns its bytes. */
    private static byte[] valid(Path dir) throws IOException {
        Random rnd = new Random(42);
        List<Tensor> ts = new ArrayList<>();
        ts.add(random("bert.embeddings.word_embeddings.weight", DType.F32, new long[]{6, 4}, rnd));
        ts.add(random("bert.embeddings.LayerNorm.weight", DType.F32, new long[]{4}, rnd));
        ts.add(random("half", DType.F16, new long[]{2, 3}, rnd));
        ts.add(random("brain", DType.BF16, new long[]{3}, rnd));
        ts.add(random("double", DType.F64, new long[]{2}, rnd));
        ts.add(random("position_ids", DType.I64, new long[]{1, 5}, rnd));
        ts.add(random("scalar", DType.F32, new long[]{}, rnd));
        ts.add(random("empty", DType.F32, new long[]{0, 4}, rnd));
        ts.add(random("mask", DType.BOOL, new long[]{3}, rnd));
        Path f = dir.resolve("valid.safetensors");
        SafetensorsWriter.write(f, ts, Map.of("format", "pt"));
        return Files.readAllBytes(f);
    }

    private static Tensor random(String name, DType dt, long[] shape, Random rnd) {
        long n = 1;
        for (long s : shape) n *= s;
        byte[] b = new byte[(int) (n * dt.bytes())];
        rnd.nextBytes(b);
        return new Tensor(name, dt, shape, ByteBuffer.wrap(b));
    }

    @Test
    void byteLevelMutationsFailOnlyWithClearErrors() throws IOException {
        byte[] valid = valid(tmp);
        Fuzz.Tally tally = new Fuzz.Tally("safetensors bytes");
        Oracle.entries(valid); // the oracle accepts the valid file
        Random rnd = new Random(20240601);
        Path f = tmp.resolve("model.safetensors");
        for (int i = 0; i < BYTE_MUTATIONS; i++) {
            byte[] m = Fuzz.mutate(valid, rnd, headerEnd(valid));
            Fuzz.write(f, m);
            tally.run(i, f, () -> readEverything(f, m));
        }
        tally.check(BYTE_MUTATIONS);
    }

    @Test
    void headerEditsFailOnlyWithClearErrors() throws IOException {
        byte[] valid = valid(tmp);
        int headerEnd = headerEnd(valid);
        ObjectNode header = (ObjectNode) JSON.readTree(new String(valid, 8, headerEnd - 8, StandardCharsets.UTF_8));
        byte[] data = java.util.Arrays.copyOfRange(valid, headerEnd, valid.length);
        Fuzz.Tally tally = new Fuzz.Tally("safetensors header");
        Random rnd = new Random(777);
        Path f = tmp.resolve("model.safetensors");
        for (int i = 0; i < HEADER_EDITS; i++) {
            ObjectNode h = header.deepCopy();
            int edits = 1 + rnd.nextInt(3);
            for (int e = 0; e < edits; e++) edit(h, rnd);
            String text = h.toString();
            if (rnd.nextInt(10) == 0) text = duplicateAnEntry(text);
            byte[] json = text.getBytes(StandardCharsets.UTF_8);
            byte[] d = rnd.nextInt(8) == 0 ? java.util.Arrays.copyOf(data, rnd.nextInt(data.length + 16)) : data;
            ByteBuffer b = ByteBuffer.allocate(8 + json.length + d.length).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(json.length).put(json).put(d);
            byte[] bytes = b.array();
            Fuzz.write(f, bytes);
            tally.run(i, f, () -> readEverything(f, bytes));
        }
        tally.check(HEADER_EDITS);
    }

    /**
     * Opens the file, reads and converts every tensor. When the reader accepts the file, an independent check of the
     * format must accept it too, and every tensor must be the bytes its offsets say: the reader may refuse, never
     * misread.
     */
    private static void readEverything(Path f, byte[] bytes) {
        try (SafetensorsReader r = SafetensorsReader.open(f)) {
            Map<String, long[]> expected = Oracle.entries(bytes); // throws AssertionError when the file is not valid
            if (!expected.keySet().equals(r.names())) throw new AssertionError("names " + r.names() + " vs " + expected.keySet());
            long dataStart = headerEnd(bytes);
            for (String n : r.names()) {
                Tensor t = r.get(n);
                long[] range = expected.get(n);
                ByteBuffer data = t.data();
                byte[] got = new byte[data.remaining()];
                data.get(got);
                byte[] want = java.util.Arrays.copyOfRange(bytes, (int) (dataStart + range[0]), (int) (dataStart + range[1]));
                if (!java.util.Arrays.equals(got, want)) throw new AssertionError("tensor '" + n + "' is not the bytes of its offsets");
                if (t.dtype() != DType.BOOL && t.dtype() != DType.U8 && t.dtype() != DType.I8 && t.dtype() != DType.I16) {
                    t.toFloats();
                    t.toDoubles();
                }
            }
        }
    }

    /** The safetensors format, checked from its definition, separately from the reader. */
    static final class Oracle {
        private static final ObjectMapper STRICT = new ObjectMapper()
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        private static final Map<String, Integer> SIZES = Map.of("F64", 8, "F32", 4, "F16", 2, "BF16", 2, "I64", 8,
                "I32", 4, "I16", 2, "I8", 1, "U8", 1, "BOOL", 1);

        /** Tensor name -> [begin, end) of a valid file; AssertionError naming the rule a file breaks. */
        static Map<String, long[]> entries(byte[] file) {
            check(file.length >= 8, "shorter than 8 bytes");
            long n = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            check(n > 0 && n <= file.length - 8, "header length " + n);
            long dataLen = file.length - 8 - n;
            JsonNode root;
            try {
                root = STRICT.readTree(new String(file, 8, (int) n, StandardCharsets.UTF_8).trim());
            } catch (IOException e) {
                throw new AssertionError("accepted a header that is not strict JSON: " + e.getMessage());
            }
            check(root != null && root.isObject(), "header not an object");
            Map<String, long[]> out = new java.util.TreeMap<>();
            List<long[]> ranges = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (e.getKey().equals("__metadata__")) {
                    check(v.isObject(), "metadata not an object");
                    v.fields().forEachRemaining(m -> check(m.getValue().isTextual(), "metadata value not a string"));
                    continue;
                }
                check(v.isObject() && v.path("dtype").isTextual() && SIZES.containsKey(v.get("dtype").asText()), "dtype of " + e.getKey());
                check(v.path("shape").isArray() && v.path("data_offsets").isArray() && v.get("data_offsets").size() == 2, "fields of " + e.getKey());
                java.math.BigInteger count = java.math.BigInteger.ONE;
                for (JsonNode d : v.get("shape")) {
                    check(d.isIntegralNumber() && d.bigIntegerValue().signum() >= 0, "shape of " + e.getKey());
                    count = count.multiply(d.bigIntegerValue());
                }
                JsonNode b = v.get("data_offsets").get(0), en = v.get("data_offsets").get(1);
                check(b.isIntegralNumber() && en.isIntegralNumber(), "offsets of " + e.getKey());
                java.math.BigInteger begin = b.bigIntegerValue(), end = en.bigIntegerValue();
                check(begin.signum() >= 0 && end.compareTo(begin) >= 0 && end.compareTo(java.math.BigInteger.valueOf(dataLen)) <= 0,
                        "offsets of " + e.getKey() + " outside the data");
                check(end.subtract(begin).equals(count.multiply(java.math.BigInteger.valueOf(SIZES.get(v.get("dtype").asText())))),
                        "byte count of " + e.getKey());
                long[] r = {begin.longValueExact(), end.longValueExact()};
                out.put(e.getKey(), r);
                ranges.add(r);
            }
            ranges.sort(java.util.Comparator.comparingLong((long[] r) -> r[0]).thenComparingLong(r -> r[1]));
            for (int i = 1; i < ranges.size(); i++) check(ranges.get(i)[0] >= ranges.get(i - 1)[1], "overlapping tensors");
            return out;
        }

        private static void check(boolean ok, String rule) {
            if (!ok) throw new AssertionError("the reader accepted an invalid file: " + rule);
        }
    }

    private static int headerEnd(byte[] file) {
        return (int) (8 + ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(0));
    }

    /** One random edit of a tensor entry (or of the metadata, or a new entry). */
    private static void edit(ObjectNode h, Random rnd) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = h.fieldNames(); it.hasNext(); ) names.add(it.next());
        if (names.isEmpty() || rnd.nextInt(12) == 0) {
            h.set(rnd.nextBoolean() ? "new" + rnd.nextInt(3) : "__metadata__", Fuzz.randomJson(rnd, 2));
            return;
        }
        String name = names.get(rnd.nextInt(names.size()));
        JsonNode entry = h.get(name);
        if (!(entry instanceof ObjectNode o) || rnd.nextInt(15) == 0) {
            h.set(name, Fuzz.randomJson(rnd, 2));
            return;
        }
        switch (rnd.nextInt(10)) {
            case 0 -> o.put("dtype", Fuzz.pick(rnd, "F32", "F64", "F16", "BF16", "I64", "I32", "I16", "I8", "U8", "BOOL",
                    "f32", "F8_E4M3", "", "Q4"));
            case 1 -> o.set("dtype", Fuzz.randomJson(rnd, 1));
            case 2 -> {
                ArrayNode s = F.arrayNode();
                int rank = rnd.nextInt(4);
                for (int k = 0; k < rank; k++) s.add(Fuzz.interestingLong(rnd));
                o.set("shape", s);
            }
            case 3 -> o.set("shape", Fuzz.randomJson(rnd, 2));
            case 4 -> {
                ArrayNode a = F.arrayNode();
                a.add(Fuzz.interestingLong(rnd)).add(Fuzz.interestingLong(rnd));
                o.set("data_offsets", a);
            }
            case 5 -> {
                JsonNode off = o.get("data_offsets");
                if (off instanceof ArrayNode a && a.size() == 2) {
                    int k = rnd.nextInt(2);
                    a.set(k, F.numberNode(a.get(k).asLong() + rnd.nextInt(17) - 8));
                }
            }
            case 6 -> o.set("data_offsets", Fuzz.randomJson(rnd, 2));
            case 7 -> o.remove(Fuzz.pick(rnd, "dtype", "shape", "data_offsets"));
            case 8 -> { // the same number written as a float (4.0), or with a fraction a lenient reader would drop (4.25)
                JsonNode arr = o.get(rnd.nextBoolean() ? "shape" : "data_offsets");
                if (arr instanceof ArrayNode a && a.size() > 0) {
                    int k = rnd.nextInt(a.size());
                    a.set(k, F.numberNode(a.get(k).asLong() + (rnd.nextBoolean() ? 0.0 : 0.25)));
                }
            }
            default -> {
                h.remove(name);
                h.set(Fuzz.pick(rnd, name + "x", "", "__metadata__", names.get(rnd.nextInt(names.size()))), o);
            }
        }
    }

    /** The same key twice in the JSON text (a tree cannot hold that). */
    private static String duplicateAnEntry(String text) {
        int at = text.indexOf("\"bert.embeddings.LayerNorm.weight\":");
        if (at < 0) return text;
        int end = text.indexOf('}', at) + 1;
        return "{" + text.substring(at, end) + "," + text.substring(1);
    }
}
