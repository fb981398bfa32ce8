package org.bertology4j.viewer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MatrixCodecTest {
    private static float[][] random(int t, long seed) {
        Random r = new Random(seed);
        float[][] m = new float[t][t];
        for (float[] row : m) for (int j = 0; j < t; j++) row[j] = (float) Math.pow(r.nextDouble(), 6);
        return m;
    }

    @Test
    void denseRoundTripIsExact() {
        float[][] m = random(9, 1);
        float[][] back = MatrixCodec.decode(MatrixCodec.Kind.DENSE_F32, MatrixCodec.encodeDense(m), 9);
        for (int i = 0; i < 9; i++) assertArrayEquals(m[i], back[i]);
    }

    @Test
    void sparseKeepsLargeEntriesWithinHalfAQuantumAndDropsSmallOnes() {
        int t = 200;
        float rel = 0.05f;
        int maxPerRow = 30;
        float[][] m = random(t, 2);
        float[][] back = MatrixCodec.decode(MatrixCodec.Kind.SPARSE_U8, MatrixCodec.encodeSparse(m, rel, maxPerRow), t);
        for (int i = 0; i < t; i++) {
            float max = 0;
            for (float v : m[i]) max = Math.max(max, v);
            // the maxPerRow-th largest value: anything strictly above it must be kept
            float[] sorted = m[i].clone();
            java.util.Arrays.sort(sorted);
            float kth = sorted[t - maxPerRow];
            int kept = 0;
            for (int j = 0; j < t; j++) {
                float v = m[i][j];
                float d = back[i][j];
                if (d != 0f) {
                    kept++;
                    assertTrue(Math.abs(d - v) <= max / 510f * 1.0001f, "row " + i + " col " + j + ": " + d + " vs " + v);
                    assertTrue(v >= rel * max, "kept an entry below the threshold at " + i + "," + j);
                } else if (v > kth && v >= rel * max && v > max / 510f) {
                    throw new AssertionError("dropped a large entry at " + i + "," + j + ": " + v);
                }
            }
            assertTrue(kept <= maxPerRow, "row " + i + " kept " + kept);
        }
    }

    @Test
    void sparseRowMaximumSurvivesExactlyAndZeroRowsStayZero() {
        float[][] m = {{0f, 0f, 0f}, {0.2f, 0.7f, 0.1f}, {0.5f, 0.5f, 0f}};
        float[][] back = MatrixCodec.decode(MatrixCodec.Kind.SPARSE_U8, MatrixCodec.encodeSparse(m, 0.01f, 1), 3);
        assertArrayEquals(new float[3], back[0]);
        assertArrayEquals(new float[] {0f, 0.7f, 0f}, back[1]);
        // a tie for the single slot goes to the lower column
        assertArrayEquals(new float[] {0.5f, 0f, 0f}, back[2]);
    }

    @Test
    void sparseIsMuchSmallerForPeakedRows() {
        int t = 512;
        float[][] m = new float[t][t];
        for (int i = 0; i < t; i++) {
            java.util.Arrays.fill(m[i], 0.0001f);
            m[i][0] = 0.5f;
            m[i][i] = 0.3f;
        }
        int sparse = MatrixCodec.encodeSparse(m, 0.01f, 64).length();
        int dense = MatrixCodec.encodeDense(m).length();
        assertTrue(sparse * 50 < dense, "sparse " + sparse + " vs dense " + dense);
        assertEquals(0.5f, MatrixCodec.decode(MatrixCodec.Kind.SPARSE_U8, MatrixCodec.encodeSparse(m, 0.01f, 64), t)[7][0]);
    }
}
