package org.bertology4j.core.kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Fused row-wise LayerNorm kernel in plain Java over the arrays' off-heap buffers:
 * optional residual add, two-pass mean/variance (double accumulators), scale and shift, in one pass
 * per row. Why not ND4J ops: the same computation as ND4J ops is ~11 small ops (mean, centre, norm,
 * several [N, 1] ops, three broadcasts), each an OpenMP parallel region; measured on [1024, 384]
 * float: ~20-50 ms for the op chain on a loaded 2-core machine vs ~0.5-1.2 ms for this loop.
 */
final class RowNorm {
    private RowNorm() {}

    /** Whether the kernel handles this array directly (float/double, 'c' order, dense, rank 2). */
    static boolean supports(INDArray a) {
        DataType t = a.dataType();
        return (t == DataType.FLOAT || t == DataType.DOUBLE) && a.rank() == 2 && dense(a);
    }

    /** 'c' order with no gaps between rows, so element (r, j) is at offset + r·cols + j. */
    static boolean dense(INDArray a) {
        return a.ordering() == 'c' && a.stride(1) == 1 && a.stride(0) == a.size(1) && a.elementWiseStride() == 1;
    }

    /**
     * y = LN(x [+ bias] [+ residual]) row by row; when {@code bias} ([H]) or {@code residual} ([N, H]) is
     * non-null, the sum is first written into x (x is then the LayerNorm input). Returns y [N, H];
     * fills mean and rstd [N, 1].
     */
    static INDArray forward(INDArray x, INDArray bias, INDArray residual, INDArray gamma, INDArray beta, double eps,
                            INDArray mean, INDArray rstd) {
        int n = (int) x.size(0), h = (int) x.size(1);
        INDArray y = Nd4j.createUninitialized(x.dataType(), new long[]{n, h}, 'c');
        if (x.dataType() == DataType.FLOAT) {
            forwardFloat(floats(x), bias == null ? null : floats(bias), residual == null ? null : floats(residual),
                    floats(gamma), floats(beta), eps,
                    floats(y), floats(mean), floats(rstd), n, h);
        } else {
            forwardDouble(doubles(x), bias == null ? null : doubles(bias), residual == null ? null : doubles(residual),
                    doubles(gamma), doubles(beta), eps,
                    doubles(y), doubles(mean), doubles(rstd), n, h);
        }
        return y;
    }

    // Float and double twins on purpose: one version over double rows (as the backward kernel is written) made
    // BERT-base's whole forward pass 11% slower in a same-run A/B (100 vs 89.5 ms/seq), measured.
    private static void forwardFloat(FloatBuffer x, FloatBuffer biasBuf, FloatBuffer res, FloatBuffer gammaBuf, FloatBuffer betaBuf, double eps,
                                     FloatBuffer y, FloatBuffer meanOut, FloatBuffer rstdOut, int n, int h) {
        float[] g = new float[h], b = new float[h], biasRow = biasBuf == null ? null : new float[h];
        gammaBuf.get(0, g);
        betaBuf.get(0, b);
        if (biasRow != null) biasBuf.get(0, biasRow);
        RowParallel.forRows(n, h, (from, to) -> forwardFloatRows(x, biasRow, res, g, b, eps, y, meanOut, rstdOut, h, from, to));
    }

    private static void forwardFloatRows(FloatBuffer x, float[] bias, FloatBuffer res, float[] g, float[] b, double eps,
                                         FloatBuffer y, FloatBuffer meanOut, FloatBuffer rstdOut, int h, int from, int to) {
        float[] row = new float[h], other = new float[h];
        for (int r = from; r < to; r++) {
            int off = r * h;
            x.get(off, row);
            if (bias != null) for (int j = 0; j < h; j++) row[j] += bias[j];
            if (res != null) {
                res.get(off, other);
                for (int j = 0; j < h; j++) row[j] += other[j];
            }
            if (bias != null || res != null) x.put(off, row);
            double mu = sum(row, h) / h;
            double rs = 1.0 / Math.sqrt(squaredDeviations(row, h, mu) / h + eps);
            float muF = (float) mu, rsF = (float) rs;
            for (int j = 0; j < h; j++) other[j] = (row[j] - muF) * rsF * g[j] + b[j];
            y.put(off, other);
            meanOut.put(r, muF);
            rstdOut.put(r, rsF);
        }
    }

    /** Σ a[j] for j &lt; n in double, over four independent partial sums (one long add chain was latency-bound). */
    static double sum(float[] a, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += a[j];
            s1 += a[j + 1];
            s2 += a[j + 2];
            s3 += a[j + 3];
        }
        for (; j < n; j++) s0 += a[j];
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ (a[j] - mu)² for j &lt; n in double, four partial sums as in {@link #sum}. */
    static double squaredDeviations(float[] a, int n, double mu) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            double d0 = a[j] - mu, d1 = a[j + 1] - mu, d2 = a[j + 2] - mu, d3 = a[j + 3] - mu;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; j < n; j++) {
            double d = a[j] - mu;
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static void forwardDouble(DoubleBuffer x, DoubleBuffer biasBuf, DoubleBuffer res, DoubleBuffer gammaBuf, DoubleBuffer betaBuf, double eps,
                                      DoubleBuffer y, DoubleBuffer meanOut, DoubleBuffer rstdOut, int n, int h) {
        double[] g = new double[h], b = new double[h], biasRow = biasBuf == null ? null : new double[h];
        gammaBuf.get(0, g);
        betaBuf.get(0, b);
        if (biasRow != null) biasBuf.get(0, biasRow);
        RowParallel.forRows(n, h, (from, to) -> forwardDoubleRows(x, biasRow, res, g, b, eps, y, meanOut, rstdOut, h, from, to));
    }

    private static void forwardDoubleRows(DoubleBuffer x, double[] bias, DoubleBuffer res, double[] g, double[] b, double eps,
                                          DoubleBuffer y, DoubleBuffer meanOut, DoubleBuffer rstdOut, int h, int from, int to) {
        double[] row = new double[h], other = new double[h];
        for (int r = from; r < to; r++) {
            int off = r * h;
            x.get(off, row);
            if (bias != null) for (int j = 0; j < h; j++) row[j] += bias[j];
            if (res != null) {
                res.get(off, other);
                for (int j = 0; j < h; j++) row[j] += other[j];
            }
            if (bias != null || res != null) x.put(off, row);
            double s = 0;
            for (int j = 0; j < h; j++) s += row[j];
            double mu = s / h;
            double v = 0;
            for (int j = 0; j < h; j++) {
                double d = row[j] - mu;
                v += d * d;
            }
            double rs = 1.0 / Math.sqrt(v / h + eps);
            for (int j = 0; j < h; j++) other[j] = (row[j] - mu) * rs * g[j] + b[j];
            y.put(off, other);
            meanOut.put(r, mu);
            rstdOut.put(r, rs);
        }
    }

    /**
     * LayerNorm VJP in one pass per row: dx = rstd·(g - mean(g) - x̂·mean(g·x̂)) with g = dy·γ, for K·N cotangent rows
     * over the N cached rows (row r uses x̂ and rstd of row r mod N). When {@code dGamma}/{@code dBeta} are non-null,
     * adds Σ dy·x̂ and Σ dy over all rows (per-part partial sums in double, added in part order: deterministic for a
     * given thread count). All arrays dense 'c' of one float type.
     */
    static INDArray backward(INDArray dy, INDArray xhat, INDArray gamma, INDArray rstd, INDArray dGamma, INDArray dBeta) {
        int rows = (int) dy.size(0), h = (int) dy.size(1), n = (int) xhat.size(0);
        INDArray dx = Nd4j.createUninitialized(dy.dataType(), new long[]{rows, h}, 'c');
        boolean params = dGamma != null;
        boolean f32 = dy.dataType() == DataType.FLOAT;
        double[] gam = gamma.castTo(DataType.DOUBLE).toDoubleVector();
        double[] rs = rstd.castTo(DataType.DOUBLE).reshape(n).toDoubleVector();
        // partial parameter sums per part, keyed by the part's first row, added in row order below
        java.util.concurrent.ConcurrentSkipListMap<Integer, double[][]> partials = new java.util.concurrent.ConcurrentSkipListMap<>();
        RowParallel.forRows(rows, 3L * h, (from, to) -> {
            double[] g = new double[h], dyr = new double[h], xh = new double[h];
            float[] tmp = f32 ? new float[h] : null;
            double[] accG = params ? new double[h] : null, accB = params ? new double[h] : null;
            if (params) partials.put(from, new double[][]{accG, accB});
            for (int r = from; r < to; r++) {
                int c = r % n;
                read(dy, tmp, r * h, dyr);
                read(xhat, tmp, c * h, xh);
                double mg = 0, mgx = 0;
                for (int j = 0; j < h; j++) {
                    g[j] = dyr[j] * gam[j];
                    mg += g[j];
                    mgx += g[j] * xh[j];
                }
                mg /= h;
                mgx /= h;
                double rstdR = rs[c];
                for (int j = 0; j < h; j++) g[j] = rstdR * (g[j] - mg - xh[j] * mgx);
                write(dx, tmp, r * h, g);
                if (params) {
                    for (int j = 0; j < h; j++) {
                        accG[j] += dyr[j] * xh[j];
                        accB[j] += dyr[j];
                    }
                }
            }
        });
        if (params) {
            double[] sg = new double[h], sb = new double[h];
            for (double[][] part : partials.values()) {
                for (int j = 0; j < h; j++) {
                    sg[j] += part[0][j];
                    sb[j] += part[1][j];
                }
            }
            dGamma.addi(Nd4j.createFromArray(sg).castTo(dGamma.dataType()));
            dBeta.addi(Nd4j.createFromArray(sb).castTo(dBeta.dataType()));
        }
        return dx;
    }

    /** A row of a float or double array into doubles ({@code tmp}: float scratch of the row's length, null for double arrays). */
    static void read(INDArray a, float[] tmp, int offset, double[] out) {
        if (tmp != null) {
            floats(a).get(offset, tmp);
            for (int j = 0; j < out.length; j++) out[j] = tmp[j];
        } else {
            doubles(a).get(offset, out);
        }
    }

    static void write(INDArray a, float[] tmp, int offset, double[] v) {
        if (tmp != null) {
            for (int j = 0; j < v.length; j++) tmp[j] = (float) v[j];
            floats(a).put(offset, tmp);
        } else {
            doubles(a).put(offset, v);
        }
    }

    /** The array's elements as a buffer starting at its first element (requires {@link #dense} or a vector). */
    static FloatBuffer floats(INDArray a) {
        return a.data().asNioFloat().position((int) a.offset()).slice();
    }

    static DoubleBuffer doubles(INDArray a) {
        return a.data().asNioDouble().position((int) a.offset()).slice();
    }
}
