package org.bertology4j.core.kernels;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dense products on oneDNN's matmul primitive ({@link DnnlGemm}) equal ND4J's gemm, their plain twin, bit for bit
 * in every form the engine uses (forward, input VJP, weight gradient with and without accumulation), over the row
 * counts of short and long inputs, on transposed views and single rows; what the route does not take is left to ND4J.
 */
class DnnlGemmTest {
    private final Random random = new Random(11);

    /** On a CPU without AVX-512 (where both oneDNN versions were checked to run the same kernels) the route runs. */
    @Test
    void theRouteRunsOnAvx2Cpus() {
        Nd4j.create(1);
        if (!CpuFlags.avx512()) assertTrue(DnnlGemm.usable(), "oneDNN's matmul route did not load or failed its bit check");
        assertEquals(DnnlGemm.usable() ? "oneDNN matmul" : "ND4J gemm", Kernels.denseProductRoute());
    }

    /** Forward x·W, x·Wᵀ (weights stored [out, in]), weight gradient xᵀ·dy with beta 0 and 1, at 1 to 300 rows. */
    @Test
    void theRouteDoesNotChangeABit() {
        Nd4j.create(1);
        if (!DnnlGemm.usable()) return;                         // ND4J's gemm is then the only route (checked above)
        long[][] widths = {{64, 96}, {96, 64}, {384, 1536}, {1536, 384}, {768, 768}};
        for (int rows : new int[]{1, 5, 9, 17, 64, 128, 300}) {
            for (long[] w : widths) {
                long in = w[0], out = w[1];
                INDArray x = filled(rows, in), dy = filled(rows, out);
                String at = rows + " x " + in + " -> " + out;
                same(x, filled(in, out), Nd4j.create(DataType.FLOAT, rows, out), false, false, 0, "forward " + at);
                same(x, filled(out, in), Nd4j.create(DataType.FLOAT, rows, out), false, true, 0, "forward, W [out, in], " + at);
                same(dy, filled(in, out), Nd4j.create(DataType.FLOAT, rows, in), false, true, 0, "input VJP " + at);
                same(x, dy, filled(in, out), true, false, 0, "weight gradient " + at);
                same(x, dy, filled(in, out), true, false, 1, "accumulated weight gradient " + at);
            }
        }
    }

    /** A transposed view (Linear's weightT() of a weight stored [out, in]) and a row view at an offset. */
    @Test
    void viewsAtAnOffsetAndTransposedViews() {
        Nd4j.create(1);
        INDArray w = filled(48, 80);
        same(filled(7, 48), filled(80, 48).transpose(), Nd4j.create(DataType.FLOAT, 7, 80), false, false, 0, "transposed view");
        INDArray rows = filled(20, 48).get(NDArrayIndex.interval(5, 12), NDArrayIndex.all());
        same(rows, w, Nd4j.create(DataType.FLOAT, 7, 80), false, false, 0, "rows 5-12 of a larger array");
        INDArray out = Nd4j.create(DataType.FLOAT, 30, 80).get(NDArrayIndex.interval(10, 17), NDArrayIndex.all());
        same(filled(7, 48), w, out, false, false, 0, "into rows 10-17 of a larger array");
    }

    /** Double, alpha other than 1, a column-major output and a strided column view go to ND4J, still correct. */
    @Test
    void whatTheRouteDoesNotTakeGoesToNd4j() {
        Nd4j.create(1);
        INDArray x = filled(6, 8), w = filled(8, 5);
        assertFalse(DnnlGemm.accepts(x.castTo(DataType.DOUBLE), w.castTo(DataType.DOUBLE), Nd4j.create(DataType.DOUBLE, 6, 5), 1, 0));
        assertFalse(DnnlGemm.accepts(x, w, Nd4j.create(DataType.FLOAT, 6, 5), 2, 0));
        assertFalse(DnnlGemm.accepts(x, w, Nd4j.create(DataType.FLOAT, 6, 5), 1, 0.5));
        assertFalse(DnnlGemm.accepts(x, w, Nd4j.create(DataType.FLOAT, new long[]{6, 5}, 'f'), 1, 0));
        INDArray everyOther = filled(6, 16).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 16));
        assertFalse(DnnlGemm.accepts(everyOther, w, Nd4j.create(DataType.FLOAT, 6, 5), 1, 0));
        INDArray expected = naive(everyOther, w);
        INDArray got = Kernels.gemm(everyOther, w, Nd4j.create(DataType.FLOAT, new long[]{6, 5}, 'f'), false, false, 1, 0);
        assertArrayEquals(expected.data().asFloat(), got.dup('c').data().asFloat(), 1e-5f);
        INDArray c = filled(6, 5), half = Kernels.gemm(x, w, c.dup(), false, false, 1, 0.5);
        assertArrayEquals(naive(x, w).addi(c.mul(0.5)).data().asFloat(), half.data().asFloat(), 1e-5f);
    }

    /** Threads each with their own cached primitives run the same forms at once and get the same bits. */
    @Test
    void concurrentCallersGetTheSameBits() throws Exception {
        Nd4j.create(1);
        INDArray x = filled(64, 96), w = filled(96, 128);
        INDArray expected = Nd4j.create(DataType.FLOAT, 64, 128);
        Nd4j.gemm(x, w, expected, false, false, 1, 0);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                results.add(pool.submit(() -> Kernels.gemm(x, w, Nd4j.create(DataType.FLOAT, 64, 128), false, false, 1, 0).data().asFloat()));
            }
            for (Future<float[]> f : results) assertArrayEquals(expected.data().asFloat(), f.get());
        } finally {
            pool.shutdown();
        }
    }

    /** More forms than a thread keeps: the evicted primitives are closed and remade when needed again. */
    @Test
    void evictedFormsAreRemade() {
        Nd4j.create(1);
        INDArray w = filled(24, 16);
        for (int round = 0; round < 2; round++) {
            for (int rows = 1; rows <= 80; rows++) {
                INDArray x = filled(rows, 24);
                same(x, w, Nd4j.create(DataType.FLOAT, rows, 16), false, false, 0, rows + " rows, round " + round);
            }
        }
    }

    /** Kernels.gemm (the route) against Nd4j.gemm on a copy of c: exactly equal, and near the product in float64. */
    private static void same(INDArray a, INDArray b, INDArray c, boolean ta, boolean tb, double beta, String what) {
        INDArray viaNd4j = c.dup('c');
        INDArray expected = c.castTo(DataType.DOUBLE);
        Nd4j.gemm(a.castTo(DataType.DOUBLE), b.castTo(DataType.DOUBLE), expected, ta, tb, 1.0, beta);
        Nd4j.gemm(a, b, viaNd4j, ta, tb, 1.0, beta);
        Kernels.gemm(a, b, c, ta, tb, 1.0, beta);
        float[] got = c.dup('c').data().asFloat();
        assertArrayEquals(viaNd4j.data().asFloat(), got, what);
        assertArrayEquals(expected.castTo(DataType.FLOAT).data().asFloat(), got, 1e-4f, what + " (float64 product)");
    }

    /** op(a)·op(b) in double loops, as float. */
    private static INDArray naive(INDArray a, INDArray b) {
        double[][] x = a.toDoubleMatrix(), y = b.toDoubleMatrix();
        float[] out = new float[x.length * y[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y[0].length; j++) {
                double s = 0;
                for (int k = 0; k < y.length; k++) s += x[i][k] * y[k][j];
                out[i * y[0].length + j] = (float) s;
            }
        }
        return Nd4j.create(out, new long[]{x.length, y[0].length}, 'c');
    }

    private INDArray filled(long rows, long cols) {
        float[] v = new float[Math.toIntExact(rows * cols)];
        for (int i = 0; i < v.length; i++) v[i] = random.nextFloat() - 0.5f;
        return Nd4j.create(v, new long[]{rows, cols}, 'c');
    }
}
