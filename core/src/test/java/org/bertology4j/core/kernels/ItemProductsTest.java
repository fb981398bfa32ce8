package org.bertology4j.core.kernels;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * oneMKL's strided batch and one gemm per item each equal ND4J's batched matmul (their plain twin) for every transpose
 * combination, in float and double, on rank-3 and rank-4 arrays and on views at an offset; arrays that do not fit are
 * left to ND4J. With oneMKL loaded (the default build) the strided batch must be usable.
 */
class ItemProductsTest {
    /** The default build (model.LibraryNatives selects its natives for the tests) loads oneMKL and the preset. */
    @Test
    void stridedBatchLoadsWithOneMkl() {
        Nd4j.create(1);
        assertTrue(LoadedBlas.oneMkl(), "BLAS in use: " + LoadedBlas.name());
        assertTrue(StridedBatchGemm.usable(), "oneMKL's strided batch gemm did not load");
    }

    @Test
    void largeItemsTakeTheStridedBatchOnly() {
        INDArray big = Nd4j.create(DataType.FLOAT, 2, 256, 128), bigY = Nd4j.create(DataType.FLOAT, 2, 128, 256);
        INDArray out = Nd4j.create(DataType.FLOAT, 2, 256, 256);
        assertEquals(StridedBatchGemm.usable(), ItemProducts.accepts(big, bigY, out, false, false));
        if (StridedBatchGemm.usable()) check(Nd4j.rand(DataType.FLOAT, 2, 256, 128), Nd4j.rand(DataType.FLOAT, 2, 128, 256),
                new long[]{2, 256, 256}, false, false, "8.4M multiply-adds per item");
    }

    @Test
    void equalsNd4jsBatchedMatmul() {
        for (DataType t : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            for (boolean tx : new boolean[]{false, true}) {
                for (boolean ty : new boolean[]{false, true}) {
                    for (int k : new int[]{5, 16, 20}) {                                 // below and above MIN_INNER
                        long[] xs = tx ? new long[]{2, 3, k, 4} : new long[]{2, 3, 4, k};   // op(x) [4, k]
                        long[] ys = ty ? new long[]{2, 3, 6, k} : new long[]{2, 3, k, 6};   // op(y) [k, 6]
                        check(Nd4j.rand(t, xs), Nd4j.rand(t, ys), new long[]{2, 3, 4, 6}, tx, ty, t + " k " + k + " tx " + tx + " ty " + ty);
                    }
                }
            }
        }
    }

    /**
     * Whichever route runs, a product has the same bits: the routed product equals one gemm per item exactly over the
     * attention's shapes (Q·Kᵀ, P·V and the backward's transposed products) at short and long inputs, float and double.
     */
    @Test
    void theRouteDoesNotChangeABit() {
        for (DataType t : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            for (int d : new int[]{32, 64}) {
                for (int tokens : new int[]{5, 9, 15, 16, 17, 33, 64, 128}) {
                    for (int[] mkn : new int[][]{{tokens, d, tokens}, {tokens, tokens, d}, {d, tokens, tokens}}) {
                        for (boolean tx : new boolean[]{false, true}) {
                            for (boolean ty : new boolean[]{false, true}) {
                                checkRouteAgainstPerItem(t, mkn[0], mkn[1], mkn[2], tx, ty);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void checkRouteAgainstPerItem(DataType t, int m, int k, int n, boolean tx, boolean ty) {
        INDArray x = Nd4j.rand(t, tx ? new long[]{12, k, m} : new long[]{12, m, k});
        INDArray y = Nd4j.rand(t, ty ? new long[]{12, n, k} : new long[]{12, k, n});
        INDArray routed = Nd4j.create(t, 12, m, n), perItem = Nd4j.create(t, 12, m, n);
        assertTrue(ItemProducts.accepts(x, y, routed, tx, ty));
        ItemProducts.run(x, y, routed, tx, ty);
        ItemProducts.runPerItem(x, y, perItem, tx, ty);
        assertArrayEquals(perItem.data().asDouble(), routed.data().asDouble(), t + " m " + m + " k " + k + " n " + n + " tx " + tx + " ty " + ty);
    }

    @Test
    void readsViewsAtAnOffset() {
        INDArray stacked = Nd4j.rand(DataType.FLOAT, 3, 7, 8, 4);
        INDArray x = stacked.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
        INDArray y = stacked.get(NDArrayIndex.point(2), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
        check(x, y, new long[]{7, 8, 8}, false, true, "item views");
    }

    @Test
    void leavesWhatDoesNotFitToNd4j() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 5), y = Nd4j.rand(DataType.FLOAT, 4, 5, 2), out = Nd4j.create(DataType.FLOAT, 4, 3, 2);
        assertTrue(ItemProducts.fit(x, y, out, false, false));
        assertFalse(ItemProducts.fit(x.dup('f'), y, out, false, false), "'f' order");
        assertFalse(ItemProducts.fit(x, y.castTo(DataType.DOUBLE), out, false, false), "mixed types");
        assertFalse(ItemProducts.fit(x, y, Nd4j.create(DataType.FLOAT, 4, 3, 3), false, false), "wrong output shape");
        assertFalse(ItemProducts.fit(x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2), NDArrayIndex.all()), y,
                Nd4j.create(DataType.FLOAT, 4, 2, 2), false, false), "rows with gaps");
        INDArray big = Nd4j.create(DataType.FLOAT, 2, 256, 128), bigY = Nd4j.create(DataType.FLOAT, 2, 128, 256);
        assertFalse(ItemProducts.fit(big, bigY, Nd4j.create(DataType.FLOAT, 2, 256, 256), false, false), "8.4M multiply-adds per item");
    }

    private static void check(INDArray x, INDArray y, long[] outShape, boolean tx, boolean ty, String what) {
        INDArray expected = Nd4j.create(x.dataType(), outShape, 'c');
        Nd4j.matmul(x, y, expected, tx, ty, false);
        INDArray out = Nd4j.create(x.dataType(), outShape, 'c');
        assertTrue(ItemProducts.fit(x, y, out, tx, ty, Long.MAX_VALUE), what + ": fits");
        if (StridedBatchGemm.usable()) {
            assertTrue(StridedBatchGemm.fits(x, y, out, tx) || (tx ? x.size(x.rank() - 2) : x.size(x.rank() - 1)) < StridedBatchGemm.MIN_INNER,
                    what + ": fits the strided batch");
            StridedBatchGemm.run(x, y, out, tx, ty);
            assertArrayEquals(expected.castTo(DataType.DOUBLE).data().asDouble(), out.castTo(DataType.DOUBLE).data().asDouble(),
                    1e-6, what + ", strided batch");
        }
        if (ItemProducts.fit(x, y, out, tx, ty)) {
            out.assign(Double.NaN);
            ItemProducts.runPerItem(x, y, out, tx, ty);
            assertArrayEquals(expected.castTo(DataType.DOUBLE).data().asDouble(), out.castTo(DataType.DOUBLE).data().asDouble(),
                    1e-6, what + ", per item");
        }
    }
}
