package org.bertology4j.weights.tf;

import org.bertology4j.weights.DType;
import org.bertology4j.weights.Fuzz;
import org.bertology4j.weights.Tensor;
import org.bertology4j.weights.tf.proto.BundleEntryProto;
import org.bertology4j.weights.tf.proto.BundleHeaderProto;
import org.bertology4j.weights.tf.proto.TensorShapeProto;
import org.bertology4j.weights.tf.proto.TensorSliceProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Seeded random mutations of a small valid TensorFlow TensorBundle: bit flips, byte changes, truncations and
 * insertions in the index (its footer included) and in the data shard; corrupt block contents behind valid block
 * checksums; edited entries (dtype, shape, shard, offset, size, CRC, slices), headers (shard count, endianness) and
 * values that are not protos. Opening the checkpoint and reading every tensor either works or fails with a
 * {@code WeightsException} naming the checkpoint; nothing else may escape, and an accepted edited entry must read as
 * exactly the bytes it points at.
 */
class TfCheckpointFuzzTest {
    static final int INDEX_BYTES = 1200, SHARD_BYTES = 600, BLOCK_CONTENTS = 1000, ENTRY_EDITS = 1200;

    @TempDir Path tmp;

    /** The valid fixture: float tensors with shared name prefixes, an int64 step, half floats, a string tensor. */
    private static TfBundleFixtureWriter fixture() {
        Random rnd = new Random(3);
        TfBundleFixtureWriter w = new TfBundleFixtureWriter().blockSize(48).restartInterval(2);
        String[] names = {"bert/encoder/layer_0/attention/self/query/kernel", "bert/encoder/layer_0/attention/self/query/bias",
                "bert/encoder/layer_0/output/LayerNorm/gamma", "bert/embeddings/word_embeddings"};
        long[][] shapes = {{3, 4}, {4}, {4}, {5, 4}};
        for (int i = 0; i < names.length; i++) {
            float[] v = new float[(int) Arrays.stream(shapes[i]).reduce(1, (a, b) -> a * b)];
            for (int j = 0; j < v.length; j++) v[j] = (float) rnd.nextGaussian();
            w.addFloats(names[i], shapes[i], v);
        }
        w.addRaw("global_step", 9, new long[]{}, new byte[8]);
        w.addRaw("half", 19, new long[]{3}, new byte[]{0, 60, 0, (byte) 192, 0, 124});
        w.addRaw("bf16", 14, new long[]{2}, new byte[]{(byte) 128, 63, 0, 64});
        w.addRaw("names", 7, new long[]{1}, new byte[]{3, 'a', 'b', 'c'});
        return w;
    }

    @Test
    void indexAndShardByteMutationsFailOnlyWithClearErrors() throws IOException {
        Path prefix = tmp.resolve("variables");
        fixture().write(prefix);
        Path index = tmp.resolve("variables.index"), shard = tmp.resolve("variables.data-00000-of-00001");
        byte[] validIndex = Files.readAllBytes(index), validShard = Files.readAllBytes(shard);
        Random rnd = new Random(99);
        Fuzz.Tally tally = new Fuzz.Tally("TensorBundle index bytes");
        for (int i = 0; i < INDEX_BYTES; i++) {
            byte[] m = Fuzz.mutate(validIndex, rnd, validIndex.length);
            if (rnd.nextBoolean() && m.length >= 48) { // the footer (block handles, magic) has no checksum of its own
                int at = m.length - 48 + rnd.nextInt(48);
                m[at] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : (byte) (m[at] ^ (1 << rnd.nextInt(8)));
            } else if (rnd.nextInt(4) == 0) {
                m = withFooterHandles(validIndex, rnd);
            }
            Fuzz.write(index, m);
            tally.run(i, prefix, () -> readEverything(prefix));
        }
        tally.check(INDEX_BYTES);
        Fuzz.write(index, validIndex);
        Fuzz.Tally shardTally = new Fuzz.Tally("TensorBundle shard bytes");
        for (int i = 0; i < SHARD_BYTES; i++) {
            Fuzz.write(shard, Fuzz.mutate(validShard, rnd, validShard.length));
            shardTally.run(i, prefix, () -> readEverything(prefix));
        }
        shardTally.check(SHARD_BYTES, 2); // a changed byte breaks its tensor's CRC; a shorter shard, an offset
    }

    @Test
    void corruptBlockContentsBehindValidChecksumsFailOnlyWithClearErrors() throws IOException {
        Random rnd = new Random(5);
        Fuzz.Tally tally = new Fuzz.Tally("TensorBundle block contents");
        for (int i = 0; i < BLOCK_CONTENTS; i++) {
            Path prefix = tmp.resolve("b" + i);
            double rate = 0.002 + rnd.nextDouble() * 0.05;
            long seed = rnd.nextLong();
            fixture().blockMutator(block -> {
                Random r = new Random(seed ^ block.length);
                for (int k = 0; k < block.length; k++) {
                    if (r.nextDouble() < rate) block[k] = r.nextBoolean() ? (byte) r.nextInt(256) : (byte) (block[k] ^ (1 << r.nextInt(8)));
                }
            }).write(prefix);
            tally.run(i, prefix, () -> readEverything(prefix));
            deleteBundle(prefix);
        }
        tally.check(BLOCK_CONTENTS);
    }

    @Test
    void editedEntriesAndHeadersFailOnlyWithClearErrorsOrReadExactly() throws IOException {
        Random rnd = new Random(11);
        Fuzz.Tally tally = new Fuzz.Tally("TensorBundle entries");
        for (int i = 0; i < ENTRY_EDITS; i++) {
            Path prefix = tmp.resolve("e" + i);
            TfBundleFixtureWriter w = fixture();
            byte[] shard = w.shardBytes();
            int edits = 1 + rnd.nextInt(2);
            for (int e = 0; e < edits; e++) edit(w, rnd);
            w.write(prefix);
            Map<String, BundleEntryProto> written = Map.copyOf(w.entries());
            tally.run(i, prefix, () -> {
                for (Map.Entry<String, Tensor> t : readEverything(prefix).entrySet()) {
                    BundleEntryProto en = written.get(t.getKey());
                    if (en == null) continue; // a raw value that happened to parse as an entry
                    byte[] got = new byte[t.getValue().data().remaining()];
                    t.getValue().data().get(got);
                    byte[] want = Arrays.copyOfRange(shard, (int) en.getOffset(), (int) (en.getOffset() + en.getSize()));
                    if (!Arrays.equals(got, want)) throw new AssertionError("tensor '" + t.getKey() + "' is not the bytes its entry points at");
                    assertEquals(en.getShape().getDimCount(), t.getValue().shape().length, t.getKey());
                }
            });
            deleteBundle(prefix);
        }
        tally.check(ENTRY_EDITS);
    }

    /** One random edit of an entry, of the header, or a raw value. */
    private static void edit(TfBundleFixtureWriter w, Random rnd) {
        List<String> names = new ArrayList<>(w.entries().keySet());
        int what = rnd.nextInt(12);
        if (what == 0) {
            BundleHeaderProto.Builder h = BundleHeaderProto.newBuilder().setNumShards(1).setEndianness(BundleHeaderProto.Endianness.LITTLE);
            switch (rnd.nextInt(3)) {
                case 0 -> h.setNumShards((int) Fuzz.interestingLong(rnd));
                case 1 -> h.setEndiannessValue(rnd.nextInt(4));
                default -> h.setNumShards(1 << (10 + rnd.nextInt(21)));
            }
            w.header(h.build());
            return;
        }
        if (what == 1) {
            byte[] junk = new byte[rnd.nextInt(24)];
            rnd.nextBytes(junk);
            w.rawValue(rnd.nextBoolean() ? "" : names.get(rnd.nextInt(names.size())), junk);
            return;
        }
        String name = names.get(rnd.nextInt(names.size()));
        BundleEntryProto.Builder b = w.entries().get(name).toBuilder();
        switch (what) {
            case 2 -> b.setDtypeValue(rnd.nextInt(3) == 0 ? rnd.nextInt(200) - 10 : Fuzz.pick(rnd, 1, 2, 3, 4, 5, 6, 9, 10, 14, 19, 7, 8, 20));
            case 3 -> {
                TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
                for (int k = rnd.nextInt(4); k > 0; k--) s.addDim(TensorShapeProto.Dim.newBuilder().setSize(Fuzz.interestingLong(rnd)));
                b.setShape(s);
            }
            case 4 -> b.setShardId((int) Fuzz.interestingLong(rnd));
            case 5 -> b.setOffset(Fuzz.interestingLong(rnd));
            case 6 -> b.setSize(Fuzz.interestingLong(rnd));
            case 7 -> b.setOffset(b.getOffset() + rnd.nextInt(9) - 4);
            case 8 -> b.setSize(b.getSize() + rnd.nextInt(9) - 4);
            case 9 -> b.setCrc32C(rnd.nextInt());
            case 10 -> b.addSlices(TensorSliceProto.newBuilder().addExtent(TensorSliceProto.Extent.newBuilder().setStart(0)));
            default -> { // a valid entry of another tensor under this name
                BundleEntryProto other = w.entries().get(names.get(rnd.nextInt(names.size())));
                b = other.toBuilder();
            }
        }
        w.entries().put(name, b.build());
    }

    /** The valid index with its footer's block handles replaced by boundary values (huge, negative, past the end). */
    private static byte[] withFooterHandles(byte[] valid, Random rnd) {
        java.io.ByteArrayOutputStream h = new java.io.ByteArrayOutputStream();
        for (int k = 0; k < 4; k++) {
            long v = rnd.nextBoolean() ? Fuzz.interestingLong(rnd) : rnd.nextInt(valid.length + 16);
            TfBundleFixtureWriter.varint(h, v);
        }
        byte[] handles = h.toByteArray();
        byte[] m = valid.clone();
        int footer = m.length - 48;
        Arrays.fill(m, footer, footer + 40, (byte) 0);
        System.arraycopy(handles, 0, m, footer, Math.min(40, handles.length));
        return m;
    }

    /** Opens the checkpoint and reads (and converts, for numeric types) every tensor. */
    private static Map<String, Tensor> readEverything(Path prefix) {
        java.util.LinkedHashMap<String, Tensor> out = new java.util.LinkedHashMap<>();
        try (TfCheckpointReader r = TfCheckpointReader.open(prefix)) {
            for (String n : r.names()) {
                r.shapeOf(n);
                if (r.tfDtypeOf(n) == 7) continue; // strings: refused on get, as a unit test checks
                Tensor t = r.get(n);
                if (t.dtype() != DType.BOOL && t.dtype() != DType.U8 && t.dtype() != DType.I8 && t.dtype() != DType.I16) t.toFloats();
                out.put(n, t);
            }
        }
        return out;
    }

    private static void deleteBundle(Path prefix) throws IOException {
        try (var s = Files.list(prefix.getParent())) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(prefix.getFileName() + ".")).toList()) Files.delete(p);
        }
    }
}
