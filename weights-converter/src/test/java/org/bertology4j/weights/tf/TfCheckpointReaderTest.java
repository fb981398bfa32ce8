package org.bertology4j.weights.tf;

import org.bertology4j.weights.Tensor;
import org.bertology4j.weights.WeightsException;
import org.bertology4j.weights.tf.proto.DataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class TfCheckpointReaderTest {
    @TempDir Path tmp;

    /** Random tensors whose names share long prefixes, as real checkpoints do. */
    private Map<String, float[]> fixture(Path prefix, TfBundleFixtureWriter w) throws IOException {
        Random rnd = new Random(7);
        Map<String, float[]> values = new LinkedHashMap<>();
        String[] names = {"bert/encoder/layer_0/attention/self/query/kernel", "bert/encoder/layer_0/attention/self/query/bias",
                "bert/encoder/layer_0/attention/self/key/kernel", "bert/encoder/layer_1/output/dense/bias",
                "bert/embeddings/word_embeddings", "global_step_like_scalar"};
        long[][] shapes = {{3, 5}, {5}, {3, 5}, {7}, {11, 3}, {}};
        for (int i = 0; i < names.length; i++) {
            long n = 1;
            for (long s : shapes[i]) n *= s;
            float[] v = new float[(int) n];
            for (int j = 0; j < v.length; j++) v[j] = (float) rnd.nextGaussian();
            values.put(names[i], v);
            w.addFloats(names[i], shapes[i], v);
        }
        w.write(prefix);
        return values;
    }

    @Test
    void readsBackFixtureExactlyAcrossSeveralBlocks() throws IOException {
        Path prefix = tmp.resolve("variables");
        for (int blockSize : new int[]{1, 64, 1 << 20}) { // one entry per block .. everything in one block
            Files.list(tmp).forEach(p -> p.toFile().delete());
            Map<String, float[]> expected = fixture(prefix, new TfBundleFixtureWriter().blockSize(blockSize).restartInterval(2));
            try (TfCheckpointReader r = TfCheckpointReader.open(prefix)) {
                assertEquals(expected.keySet(), Set.copyOf(r.names()));
                for (var e : expected.entrySet()) {
                    Tensor t = r.get(e.getKey());
                    assertArrayEquals(e.getValue(), t.toFloats(), 0f, e.getKey());
                }
                assertArrayEquals(new long[]{11, 3}, r.get("bert/embeddings/word_embeddings").shape());
                assertArrayEquals(new long[0], r.get("global_step_like_scalar").shape());
            }
        }
    }

    @Test
    void corruptIndexBlockIsReportedWithFileName() throws IOException {
        Path prefix = tmp.resolve("variables");
        fixture(prefix, new TfBundleFixtureWriter());
        Path index = tmp.resolve("variables.index");
        byte[] b = Files.readAllBytes(index);
        b[3] ^= 0x5a; // inside the first data block
        Files.write(index, b);
        WeightsException e = assertThrows(WeightsException.class, () -> TfCheckpointReader.open(prefix));
        assertTrue(e.getMessage().contains(index.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void truncatedIndexIsReported() throws IOException {
        Path prefix = tmp.resolve("variables");
        fixture(prefix, new TfBundleFixtureWriter());
        Path index = tmp.resolve("variables.index");
        byte[] b = Files.readAllBytes(index);
        Files.write(index, java.util.Arrays.copyOf(b, b.length - 10));
        WeightsException e = assertThrows(WeightsException.class, () -> TfCheckpointReader.open(prefix));
        assertTrue(e.getMessage().contains(index.toString()) && e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void truncatedShardNamesTheTensor() throws IOException {
        Path prefix = tmp.resolve("variables");
        fixture(prefix, new TfBundleFixtureWriter());
        Path shard = tmp.resolve("variables.data-00000-of-00001");
        try (RandomAccessFile f = new RandomAccessFile(shard.toFile(), "rw")) {
            f.setLength(f.length() - 4); // cuts the last tensor written (the scalar)
        }
        WeightsException e = assertThrows(WeightsException.class, () -> TfCheckpointReader.open(prefix));
        assertTrue(e.getMessage().contains("global_step_like_scalar") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void corruptShardBytesFailTheChecksum() throws IOException {
        Path prefix = tmp.resolve("variables");
        fixture(prefix, new TfBundleFixtureWriter());
        Path shard = tmp.resolve("variables.data-00000-of-00001");
        byte[] b = Files.readAllBytes(shard);
        b[0] ^= 1; // first tensor written: query/kernel
        Files.write(shard, b);
        try (TfCheckpointReader r = TfCheckpointReader.open(prefix)) {
            WeightsException e = assertThrows(WeightsException.class, () -> r.get("bert/encoder/layer_0/attention/self/query/kernel"));
            assertTrue(e.getMessage().contains("query/kernel") && e.getMessage().contains("CRC"), e.getMessage());
            assertDoesNotThrow(() -> r.get("bert/encoder/layer_0/attention/self/query/bias"));
        }
    }

    @Test
    void unsupportedDtypeNamesTheTensor() throws IOException {
        Path prefix = tmp.resolve("variables");
        new TfBundleFixtureWriter().addRaw("vocab_strings", DataType.DT_STRING_VALUE, new long[]{1}, new byte[]{1, 'a'})
                .addRaw("weird", 99, new long[]{1}, new byte[]{1}).write(prefix);
        try (TfCheckpointReader r = TfCheckpointReader.open(prefix)) {
            WeightsException e = assertThrows(WeightsException.class, () -> r.get("vocab_strings"));
            assertTrue(e.getMessage().contains("vocab_strings") && e.getMessage().contains("dtype"), e.getMessage());
            e = assertThrows(WeightsException.class, () -> r.get("weird"));
            assertTrue(e.getMessage().contains("'weird'") && e.getMessage().contains("99"), e.getMessage());
        }
    }

    @Test
    void missingIndexIsReported() {
        WeightsException e = assertThrows(WeightsException.class, () -> TfCheckpointReader.open(tmp.resolve("nothing")));
        assertTrue(e.getMessage().contains("nothing.index"), e.getMessage());
    }

    @Test
    void crcMaskMatchesLevelDbDefinition() {
        // LevelDB: ((crc >> 15) | (crc << 17)) + kMaskDelta, computed here with longs to avoid sharing the reader's int arithmetic.
        int crc = 0x12345678;
        long expected = ((((crc & 0xffffffffL) >>> 15) | ((crc & 0xffffffffL) << 17)) + 0xa282ead8L) & 0xffffffffL;
        assertEquals(expected, SSTableReader.maskCrc(crc) & 0xffffffffL);
        assertEquals(TfBundleFixtureWriter.mask(crc), SSTableReader.maskCrc(crc));
    }
}
