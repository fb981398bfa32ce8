package org.bertology4j.analysis.attention;

import org.bertology4j.tokenizer.Encoding;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class WordAttentionTest {

    @Test
    void sumsToAndAveragesFrom() {
        // pieces: [CLS] a ##b c [SEP]  -> units: [CLS] ab c [SEP]
        WordUnits u = WordUnits.of(new int[]{-1, 0, 0, 1, -1});
        assertEquals(4, u.size());
        assertEquals(2, u.words());
        float[][] a = {
                {0.1f, 0.2f, 0.3f, 0.4f, 0.0f},
                {0.0f, 0.5f, 0.5f, 0.0f, 0.0f},
                {0.2f, 0.2f, 0.2f, 0.2f, 0.2f},
                {0.0f, 0.0f, 0.0f, 0.0f, 1.0f},
                {0.25f, 0.25f, 0.0f, 0.25f, 0.25f}};
        double[][] w = WordAttention.fromPieces(a, u);
        double[][] expected = {
                {0.1, 0.5, 0.4, 0.0},
                {(0.0 + 0.2) / 2, (1.0 + 0.4) / 2, (0.0 + 0.2) / 2, (0.0 + 0.2) / 2},
                {0, 0, 0, 1},
                {0.25, 0.25, 0.25, 0.25}};
        for (int i = 0; i < 4; i++) assertArrayEquals(expected[i], w[i], 1e-6, "row " + i);
        double[][] words = WordAttention.wordsOnly(w, u);
        assertArrayEquals(new double[]{0.7, 0.1}, words[0], 1e-6);
        assertArrayEquals(new double[]{0.0, 0.0}, words[1], 1e-6);
    }

    @Test
    void rowsStillSumToOne() {
        Encoding e = new FakeEncoder(2).encode(List.of("Hello", "big", "world", "."));
        WordUnits u = WordUnits.of(e);
        int t = e.length();
        Random r = new Random(1);
        float[][] a = new float[t][t];
        for (float[] row : a) {
            double s = 0;
            for (int j = 0; j < t; j++) s += row[j] = r.nextFloat();
            for (int j = 0; j < t; j++) row[j] /= s;
        }
        double[][] w = WordAttention.fromPieces(a, u);
        assertEquals(6, w.length); // [CLS] + 4 words + [SEP]
        for (double[] row : w) assertEquals(1.0, java.util.Arrays.stream(row).sum(), 1e-5);
    }

    @Test
    void rejectsNonContiguousWordsAndWrongShapes() {
        assertThrows(IllegalArgumentException.class, () -> WordUnits.of(new int[]{-1, 0, 1, 0, -1}));
        WordUnits u = WordUnits.of(new int[]{-1, 0, -1});
        assertThrows(IllegalArgumentException.class, () -> WordAttention.fromPieces(new float[2][2], u));
        assertThrows(IllegalArgumentException.class, () -> new SentenceAttention(new float[][][][]{{new float[3][2]}}));
    }

    @Test
    void pairShiftsWordsAndSegments() {
        FakeEncoder enc = new FakeEncoder(10);
        Encoding p = Encodings.pair(enc.encode(List.of("a", "b")), enc.encode(List.of("c")));
        assertArrayEquals(new String[]{"[CLS]", "a", "b", "[SEP]", "c", "[SEP]"}, p.pieces());
        assertArrayEquals(new int[]{-1, 0, 1, -1, 2, -1}, p.wordIndex());
        assertArrayEquals(new int[]{0, 0, 0, 0, 1, 1}, p.segmentIds());
        assertArrayEquals(new int[]{3, 5}, Encodings.positionsOf(p, "[SEP]"));
    }
}
