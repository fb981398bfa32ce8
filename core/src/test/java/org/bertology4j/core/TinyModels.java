package org.bertology4j.core;

import org.bertology4j.weights.BertConfig;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Tiny configurations and array comparison helpers shared by core tests. */
public final class TinyModels {
    private TinyModels() {}

    /** 2 layers, 4 heads, hidden 16, intermediate 32, vocab 50, max positions 24, 3 labels. */
    public static BertConfig tiny() {
        return new BertConfig(50, 16, 2, 4, 32, "gelu", 24, 2, 1e-12, 3);
    }

    /** Max |a - e| over all elements, failing on shape mismatch. */
    public static double maxAbsDiff(INDArray actual, double[][] expected) {
        assertEquals(2, actual.rank(), "rank");
        assertEquals(expected.length, actual.size(0), "rows");
        double m = 0;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual.size(1), "columns");
            for (int j = 0; j < expected[i].length; j++) {
                m = Math.max(m, Math.abs(actual.getDouble(i, j) - expected[i][j]));
            }
        }
        return m;
    }

    /** Asserts max |a - e| <= tol with a message naming what was compared. */
    public static void assertClose(String what, INDArray actual, double[][] expected, double tol) {
        double d = maxAbsDiff(actual, expected);
        if (!(d <= tol)) fail(what + ": max abs diff " + d + " > " + tol);
    }

    /** Compares [rows][cols] of a 3-D expected array heads-wise. */
    public static void assertClose(String what, INDArray actual, double[][][] expected, double tol) {
        assertEquals(expected.length, actual.size(0), what + " leading size");
        for (int i = 0; i < expected.length; i++) {
            assertClose(what + "[" + i + "]", actual.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all()), expected[i], tol);
        }
    }

    /** The first {@code rows} rows of a matrix. */
    public static double[][] head(double[][] m, int rows) { return java.util.Arrays.copyOf(m, rows); }
}
