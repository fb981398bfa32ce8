package org.bertology4j.core.kernels;

import org.bertology4j.core.layers.Gelu;
import org.bertology4j.core.layers.LayerNorm;
import org.bertology4j.core.layers.Linear;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plain-Java fused passes against the chains of ND4J ops they replace (float and double). */
class FusedKernelsTest {
    static final int N = 37, H = 24, HEADS = 4, B = 3, T = 5;

    static INDArray randn(DataType dt, double scale, long... shape) {
        return Nd4j.randn(DataType.DOUBLE, shape).muli(scale).castTo(dt);
    }

    static void assertNear(String what, INDArray expected, INDArray actual, double tol) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double d = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(d <= tol, what + ": max abs diff " + d + " > " + tol);
    }

    static double tol(DataType dt) { return dt == DataType.DOUBLE ? 1e-12 : 2e-5; }

    @Test
    void layerNormWithBiasAndResidualMatchesOpChain() {
        Nd4j.getRandom().setSeed(7);
        for (DataType dt : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            // a large common offset checks the two-pass variance
            INDArray x = randn(dt, 2.0, N, H).addi(30), bias = randn(dt, 0.5, H), res = randn(dt, 1.0, N, H);
            LayerNorm ln = new LayerNorm(randn(dt, 1.0, H).addi(1), randn(dt, 0.1, H), 1e-5);
            INDArray expectedIn = x.add(bias.reshape(1, H).broadcast(N, H)).addi(res);
            LayerNorm.Cache got = new LayerNorm.Cache();
            Kernels.Normalized ref = Kernels.layerNormOps(expectedIn.dup(), ln.gamma(), ln.beta(), ln.eps());
            INDArray expected = ref.y();
            INDArray actual = ln.forward(x, bias, res, got);
            assertNear(dt + " LayerNorm output", expected, actual, tol(dt) * 10);
            assertNear(dt + " LayerNorm input kept", expectedIn, got.input(), tol(dt) * 100);
            assertNear(dt + " mean", ref.mean(), got.mean(), tol(dt) * 100);
            assertNear(dt + " rstd", ref.rstd(), got.rstd(), tol(dt) * 10);
            // plain form leaves its input alone
            INDArray y = randn(dt, 1.0, N, H), copy = y.dup();
            assertNear(dt + " plain LayerNorm", Kernels.layerNormOps(y.dup(), ln.gamma(), ln.beta(), ln.eps()).y(), ln.forward(y, null), tol(dt) * 10);
            assertNear(dt + " input untouched", copy, y, 0);
        }
    }

    @Test
    void layerNormOfAViewFallsBackToOps() {
        Nd4j.getRandom().setSeed(8);
        INDArray big = randn(DataType.DOUBLE, 1.0, N, 2 * H);
        INDArray view = big.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(H, 2 * H));
        LayerNorm ln = new LayerNorm(randn(DataType.DOUBLE, 1.0, H), randn(DataType.DOUBLE, 1.0, H), 1e-12);
        assertNear("view", Kernels.layerNormOps(view.dup('c'), ln.gamma(), ln.beta(), ln.eps()).y(), ln.forward(view, null), 1e-12);
    }

    @Test
    void geluWithBiasMatchesOpChainInBothForms() {
        Nd4j.getRandom().setSeed(9);
        for (DataType dt : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            for (Gelu.Form form : Gelu.Form.values()) {
                INDArray x = randn(dt, 2.0, N, 4 * H), bias = randn(dt, 1.0, 4 * H);
                INDArray expectedIn = x.add(bias.reshape(1, 4 * H).broadcast(N, 4 * H));
                INDArray expected = Kernels.geluOps(expectedIn.dup(), form == Gelu.Form.TANH);
                Gelu.Cache c = new Gelu.Cache();
                INDArray actual = Gelu.forward(x, bias, form, c);
                assertNear(dt + " " + form + " GELU", expected, actual, tol(dt));
                assertNear(dt + " " + form + " GELU input kept", expectedIn, c.input(), tol(dt));
            }
        }
    }

    @Test
    void columnSumsAndStackedSumsMatchNd4jReductions() {
        Nd4j.getRandom().setSeed(17);
        for (DataType dt : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            INDArray a = randn(dt, 1.0, 3 * N, H);
            assertNear(dt + " column sums", a.sum(0), Kernels.columnSums(a), tol(dt));
            INDArray view = a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(5, 20), org.nd4j.linalg.indexing.NDArrayIndex.all());
            assertNear(dt + " column sums of a view", view.sum(0), Kernels.columnSums(view), tol(dt));
            assertNear(dt + " sum of 3 stacked copies", a.reshape('c', 3, N, H).sum(0), Kernels.sumStacked(a, N), tol(dt));
        }
    }

    @Test
    void widenedLinearInputVjpMatchesTheDoubleProduct() {
        Nd4j.getRandom().setSeed(16);
        for (int rows : new int[]{5, 64, 130}) {                  // under, at and over a transpose block
            INDArray w = randn(DataType.DOUBLE, 0.1, H, 4 * H), dy = randn(DataType.DOUBLE, 1.0, rows, 4 * H);
            INDArray expected = dy.mmul(w.transpose());          // dL/dx = dy·W for W stored [in, out]
            INDArray f32 = new Linear(w.castTo(DataType.FLOAT), null).backwardInput(dy.castTo(DataType.FLOAT));
            assertEquals('c', f32.ordering());
            assertNear("float dx, " + rows + " rows", expected.castTo(DataType.FLOAT), f32, 1e-5);
            INDArray columns = Nd4j.create(DataType.FLOAT, new long[]{rows, 3 * H}, 'f').assign(randn(DataType.FLOAT, 1.0, rows, 3 * H));
            assertNear("row-major copy, " + rows + " rows", columns.dup('c'), ElementwiseKernels.rowMajor(columns), 0);
        }
    }

    @Test
    void headSplitAndMergeMatchPermutes() {
        Nd4j.getRandom().setSeed(10);
        int d = H / HEADS;
        // several sequence lengths, T = 37 with rows of three sequences (thread ranges: kernelsSplitOverThreadsGiveTheSameBits)
        for (int t : new int[]{T, 37}) {
            for (DataType dt : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
                INDArray proj = randn(dt, 1.0, B * t, 3 * H), bias = randn(dt, 1.0, 3 * H);
                INDArray biased = proj.add(bias.reshape(1, 3 * H).broadcast(B * t, 3 * H));
                INDArray expected = biased.reshape('c', B, t, 3, HEADS, d).permute(2, 0, 3, 1, 4).dup('c');
                expected.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).muli(0.25);
                assertNear(dt + " split, T=" + t, expected, ElementwiseKernels.splitHeads(proj, bias, 0.25, B, t, HEADS, d), tol(dt));

                INDArray ctx = randn(dt, 1.0, B, HEADS, t, d);
                INDArray merged = ctx.permute(0, 2, 1, 3).dup('c').reshape('c', B * t, H);
                assertNear(dt + " merge, T=" + t, merged, ElementwiseKernels.mergeHeads(ctx, B, t, HEADS, d), 0);
            }
        }
    }

    @Test
    void facadeCopiesArraysTheCopyKernelsDoNotTakeAndKeepsTheirBits() {
        Nd4j.getRandom().setSeed(18);
        int d = H / HEADS;
        for (DataType dt : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            // a view of the context (every other batch item of a wider array): the facade copies, then the kernel runs
            INDArray wide = randn(dt, 1.0, 2 * B, HEADS, T, d);
            INDArray view = wide.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2, 2 * B), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all());
            INDArray merged = view.permute(0, 2, 1, 3).dup('c').reshape('c', B * T, H);
            assertNear(dt + " merge of a view", merged, Kernels.mergeHeads(view, B, T, HEADS, d), 0);
            INDArray one = randn(dt, 1.0, 1, HEADS, T, d);          // batch of one: ND4J's strides of a size-1 axis
            assertNear(dt + " merge of one sequence", one.permute(0, 2, 1, 3).dup('c').reshape('c', T, H),
                    Kernels.mergeHeads(one, 1, T, HEADS, d), 0);
            INDArray projWide = randn(dt, 1.0, B * T, 4 * H), bias = randn(dt, 1.0, 3 * H);
            INDArray proj = projWide.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3 * H));
            assertNear(dt + " split of a view", ElementwiseKernels.splitHeads(proj.dup('c'), bias, 0.5, B, T, HEADS, d),
                    Kernels.splitHeads(proj, bias, 0.5, B, T, HEADS, d), 0);
        }
    }

    @Test
    void embeddingScatterAddEqualsRowByRowAdds() {
        Nd4j.getRandom().setSeed(19);
        int vocab = 11, positions = 7, seq = 4;
        int[] ids = {3, 5, 3, 10, 0, 5, 5, 2}, seg = {0, 0, 1, 1, 0, 1, 0, 0};
        for (DataType dt : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            INDArray rows = randn(dt, 1.0, ids.length, H);
            INDArray word = randn(dt, 1.0, vocab, H), type = randn(dt, 1.0, 2, H), pos = randn(dt, 1.0, positions, H);
            INDArray w2 = word.dup(), t2 = type.dup(), p2 = pos.dup();
            for (int i = 0; i < ids.length; i++) {                  // the naive twin: one ND4J add per table and row
                w2.getRow(ids[i]).addi(rows.getRow(i));
                t2.getRow(seg[i]).addi(rows.getRow(i));
                p2.getRow(i % seq).addi(rows.getRow(i));
            }
            Kernels.scatterAddEmbeddingRows(rows, ids, seg, seq, word, type, pos);
            assertNear(dt + " word table", w2, word, 0);
            assertNear(dt + " segment table", t2, type, 0);
            assertNear(dt + " position table", p2, pos, 0);
        }
    }

    @Test
    void singleRowsAndViewsRunTheOpChains() {
        Nd4j.getRandom().setSeed(20);
        for (DataType dt : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            INDArray row = randn(dt, 2.0, 1, 4 * H);
            for (boolean tanh : new boolean[]{false, true}) {
                assertNear(dt + " GELU of one row", Kernels.geluOps(row.dup(), tanh), Kernels.gelu(row.dup(), null, tanh), 0);
            }
            INDArray gamma = randn(dt, 1.0, H), beta = randn(dt, 1.0, H), x = randn(dt, 1.0, 1, H);
            assertNear(dt + " LayerNorm of one row", Kernels.layerNormOps(x.dup(), gamma, beta, 1e-12).y(),
                    Kernels.layerNorm(x.dup(), null, null, gamma, beta, 1e-12).y(), 0);
        }
    }

    @Test
    void layerNormBackwardMatchesOpChainWithStackedCotangentsAndParameterGradients() {
        Nd4j.getRandom().setSeed(13);
        for (DataType dt : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            LayerNorm ln = new LayerNorm(randn(dt, 1.0, H), randn(dt, 1.0, H), 1e-12);
            LayerNorm.Cache c = new LayerNorm.Cache();
            ln.forward(randn(dt, 2.0, N, H), c);
            INDArray xhat = LayerNorm.normalized(c);
            for (int k : new int[]{1, 3}) {
                INDArray dy = randn(dt, 1.0, (long) k * N, H);
                LayerNorm.Grad gf = new LayerNorm.Grad(ln), go = new LayerNorm.Grad(ln);
                INDArray fused = ln.backward(dy.dup(), c, xhat, gf), ops = Kernels.layerNormBackwardOps(dy.dup(), xhat, ln.gamma(), c.rstd(), go.gamma, go.beta);
                assertNear(dt + " dx, K=" + k, ops, fused, tol(dt));
                assertNear(dt + " dgamma, K=" + k, go.gamma, gf.gamma, tol(dt) * 10);
                assertNear(dt + " dbeta, K=" + k, go.beta, gf.beta, tol(dt) * 10);
            }
        }
    }

    @Test
    void float32ErfAndGeluAreCloseToTheExactForm() {
        double maxErr = 0, maxGelu = 0;
        float[] xs = new float[120_001], gelu = new float[xs.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) ((i - 60_000) * 1e-4 + 3.7e-6);
            maxErr = Math.max(maxErr, Math.abs(ErfFloat.erf(xs[i]) - org.apache.commons.math3.special.Erf.erf(xs[i])));
        }
        ErfFloat.gelu(xs, gelu, xs.length);
        for (int i = 0; i < xs.length; i++) {
            double x = xs[i], exact = 0.5 * x * (1 + org.apache.commons.math3.special.Erf.erf(x / Math.sqrt(2)));
            maxGelu = Math.max(maxGelu, Math.abs(gelu[i] - exact) / Math.max(1, Math.abs(exact)));
        }
        assertTrue(maxErr < 5e-7, "max |float erf - erf| = " + maxErr);
        // 1 + erf cancels for x < -3: there the absolute error of erf (times |x|/2) dominates GELU's tiny values
        assertTrue(maxGelu < 1.5e-6, "max |float GELU - GELU| (relative above 1) = " + maxGelu);
        assertTrue(ErfFloat.erf(7.5f) == 1f && ErfFloat.erf(-5f) == -1f && ErfFloat.erf(0f) == 0f);
        double maxD = 0;
        for (int i = -120_000; i <= 120_000; i++) {
            double x = i * 1e-4 + 3.7e-6;
            double exact = 0.5 * (1 + org.apache.commons.math3.special.Erf.erf(x / Math.sqrt(2))) + x * Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
            maxD = Math.max(maxD, Math.abs(ErfTable.geluDerivative(x) - exact));
        }
        assertTrue(maxD < 1e-8, "max |table GELU' - GELU'| = " + maxD);
    }

    @Test
    void float32GeluDerivativeMatchesTheDoubleFormula() {
        Nd4j.getRandom().setSeed(12);
        INDArray xd = randn(DataType.DOUBLE, 3.0, N, 4 * H);
        // Gelu.derivative(cache, ERF) is this facade call on the cached input
        INDArray exact = Kernels.geluDerivative(xd, false), fast = Kernels.geluDerivative(xd.castTo(DataType.FLOAT), false);
        assertNear("GELU' float table vs double ops", exact.castTo(DataType.FLOAT), fast, 1e-6);
    }

    /** dx of the fused LayerNorm backward for 2 stacked cotangents, parameter gradients on (not compared here). */
    private static INDArray lnBackward(LayerNorm ln, INDArray in, DataType dt) {
        Nd4j.getRandom().setSeed(14);
        LayerNorm.Cache c = new LayerNorm.Cache();
        ln.forward(in.dup(), c);
        INDArray dy = randn(dt, 1.0, 2 * in.size(0), in.size(1));
        return ln.backward(dy, c, LayerNorm.normalized(c), new LayerNorm.Grad(ln));
    }

    @Test
    void kernelsSplitOverThreadsGiveTheSameBits() {
        Nd4j.getRandom().setSeed(11);
        int rows = 512, width = 768, heads = 12, d = width / heads, batch = 4, seq = rows / batch;
        for (DataType dt : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            INDArray x = randn(dt, 2.0, rows, 4 * width), bias = randn(dt, 1.0, 4 * width);
            INDArray proj = randn(dt, 1.0, rows, 3 * width), pb = randn(dt, 1.0, 3 * width);
            INDArray ctx = randn(dt, 1.0, batch, heads, seq, d);
            LayerNorm ln = new LayerNorm(randn(dt, 1.0, width), randn(dt, 1.0, width), 1e-12);
            INDArray lnIn = randn(dt, 1.0, rows, width);
            INDArray[][] results = new INDArray[2][];
            int k = 0;
            for (int threads : new int[]{1, 3}) {
                results[k++] = RowParallel.withThreads(threads, () -> new INDArray[]{Gelu.forward(x.dup(), bias, Gelu.Form.ERF, null),
                        Gelu.forward(x.dup(), bias, Gelu.Form.TANH, null),
                        ElementwiseKernels.splitHeads(proj, pb, 0.125, batch, seq, heads, d),
                        ElementwiseKernels.mergeHeads(ctx, batch, seq, heads, d),
                        ln.forward(lnIn.dup(), null), lnBackward(ln, lnIn, dt)});
            }
            for (int j = 0; j < results[0].length; j++) assertNear(dt + " kernel " + j, results[0][j], results[1][j], 0);
        }
        assertThrows(IllegalArgumentException.class, () -> RowParallel.withThreads(0, () -> null));
    }
}
