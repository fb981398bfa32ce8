package org.bertology4j.core.kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Memory-bound steps of the forward pass as single plain-Java passes over off-heap buffers, fusing what
 * would otherwise be several ND4J ops (each an OpenMP parallel region plus, often, a fresh array):
 * bias add + head split + Q scaling, head merge, the non-transcendental parts of GELU and the embedding scatter-add.
 * Inputs must be {@link #accepts accepted} ({@link #contiguous} for the head merge); {@link Kernels} sees to it.
 */
final class ElementwiseKernels {
    private ElementwiseKernels() {}

    /** Whether the kernels accept this array (float/double, dense 'c', not a view). */
    static boolean accepts(INDArray a) {
        return RowNorm.supports(a) && !a.isView();
    }

    /**
     * Whether the elements of {@code a} (any rank) lie in 'c' order without gaps from its offset on, float or double.
     * Unlike {@link RowNorm#dense} this ignores the strides of axes of size 1 (ND4J gives a [1, n] array the strides
     * [1, 1]) and views' flags: for the pure copies (head merge) any such array is read correctly.
     */
    static boolean contiguous(INDArray a) {
        DataType t = a.dataType();
        if ((t != DataType.FLOAT && t != DataType.DOUBLE) || a.ordering() != 'c') return false;
        long expected = 1;
        for (int d = a.rank() - 1; d >= 0; d--) {
            if (a.size(d) > 1 && a.stride(d) != expected) return false;
            expected *= a.size(d);
        }
        return true;
    }

    /**
     * proj [B·T, 3·heads·d] (+ bias [3·heads·d]) → [3, B, heads, T, d] with the Q third multiplied by
     * {@code qScale}: the fused Q|K|V projection rearranged head-major in one pass.
     */
    // Here and below: float and double twins, as the primitive arrays of a Java pass cannot be generic; a float32
    // pass over double rows rounds alike but was measured slower (see RowNorm).
    static INDArray splitHeads(INDArray proj, INDArray bias, double qScale, int batch, int seqLen, int heads, int headDim) {
        INDArray out = Nd4j.createUninitialized(proj.dataType(), new long[]{3, batch, heads, seqLen, headDim}, 'c');
        int hid = heads * headDim;
        if (proj.dataType() == DataType.FLOAT) {
            FloatBuffer in = RowNorm.floats(proj), o = RowNorm.floats(out);
            float[] b = new float[3 * hid];
            if (bias != null) RowNorm.floats(bias).get(0, b);
            float qs = (float) qScale;
            RowParallel.forRows(batch * seqLen, 3L * hid, (from, to) -> {
                float[] row = new float[3 * hid];
                for (int r = from; r < to; r++) {
                    int bi = r / seqLen, t = r % seqLen;
                    in.get(r * 3 * hid, row);
                    for (int j = 0; j < 3 * hid; j++) row[j] += b[j];
                    for (int j = 0; j < hid; j++) row[j] *= qs;
                    for (int s = 0; s < 3; s++) {
                        for (int h = 0; h < heads; h++) {
                            o.put((((s * batch + bi) * heads + h) * seqLen + t) * headDim, row, s * hid + h * headDim, headDim);
                        }
                    }
                }
            });
        } else {
            DoubleBuffer in = RowNorm.doubles(proj), o = RowNorm.doubles(out);
            double[] b = new double[3 * hid];
            if (bias != null) RowNorm.doubles(bias).get(0, b);
            RowParallel.forRows(batch * seqLen, 3L * hid, (from, to) -> {
                double[] row = new double[3 * hid];
                for (int r = from; r < to; r++) {
                    int bi = r / seqLen, t = r % seqLen;
                    in.get(r * 3 * hid, row);
                    for (int j = 0; j < 3 * hid; j++) row[j] += b[j];
                    for (int j = 0; j < hid; j++) row[j] *= qScale;
                    for (int s = 0; s < 3; s++) {
                        for (int h = 0; h < heads; h++) {
                            o.put((((s * batch + bi) * heads + h) * seqLen + t) * headDim, row, s * hid + h * headDim, headDim);
                        }
                    }
                }
            });
        }
        return out;
    }

    /** Rows per block of {@link #rowMajor}. */
    private static final int TRANSPOSE_BLOCK = 64;

    /**
     * A dense float32 'f'-order [M, N] array copied into a new 'c'-order [M, N] one: per block of 64 rows, one bulk
     * read of each column's 64 values, one bulk write of the block's rows. (ND4J's own {@code dup('c')} of such an
     * array took 0.2-1.2 ms for 0.05-0.8 M floats, measured.)
     */
    static INDArray rowMajor(INDArray f) {
        if (f.dataType() != DataType.FLOAT || f.rank() != 2 || f.ordering() != 'f' || f.stride(0) != 1
                || f.stride(1) != f.size(0)) {
            throw new IllegalArgumentException("rowMajor needs a dense float 'f'-order matrix, got " + f.shapeInfoToString());
        }
        int m = (int) f.size(0), n = (int) f.size(1);
        INDArray c = Nd4j.createUninitialized(DataType.FLOAT, new long[]{m, n}, 'c');
        FloatBuffer src = RowNorm.floats(f), dst = RowNorm.floats(c);
        int blocks = (m + TRANSPOSE_BLOCK - 1) / TRANSPOSE_BLOCK;
        RowParallel.forRows(blocks, (long) TRANSPOSE_BLOCK * n, (from, to) -> {
            float[] column = new float[TRANSPOSE_BLOCK], rows = new float[TRANSPOSE_BLOCK * n];
            for (int blk = from; blk < to; blk++) {
                int r0 = blk * TRANSPOSE_BLOCK, h = Math.min(TRANSPOSE_BLOCK, m - r0);
                for (int j = 0; j < n; j++) {
                    src.get(j * m + r0, column, 0, h);
                    for (int i = 0; i < h; i++) rows[i * n + j] = column[i];
                }
                dst.put(r0 * n, rows, 0, h * n);
            }
        });
        return c;
    }

    /** context [B, heads, T, d] ({@link #contiguous}) → [B·T, heads·d] (token rows, heads side by side). */
    static INDArray mergeHeads(INDArray context, int batch, int seqLen, int heads, int headDim) {
        int hid = heads * headDim;
        INDArray out = Nd4j.createUninitialized(context.dataType(), new long[]{(long) batch * seqLen, hid}, 'c');
        if (context.dataType() == DataType.FLOAT) {
            FloatBuffer in = RowNorm.floats(context), o = RowNorm.floats(out);
            RowParallel.forRows(batch * heads, (long) seqLen * headDim, (from, to) -> {
                float[] block = new float[seqLen * headDim];
                for (int bh = from; bh < to; bh++) {
                    int bi = bh / heads, h = bh % heads;
                    in.get(bh * seqLen * headDim, block);
                    for (int t = 0; t < seqLen; t++) o.put((bi * seqLen + t) * hid + h * headDim, block, t * headDim, headDim);
                }
            });
        } else {
            DoubleBuffer in = RowNorm.doubles(context), o = RowNorm.doubles(out);
            RowParallel.forRows(batch * heads, (long) seqLen * headDim, (from, to) -> {
                double[] block = new double[seqLen * headDim];
                for (int bh = from; bh < to; bh++) {
                    int bi = bh / heads, h = bh % heads;
                    in.get(bh * seqLen * headDim, block);
                    for (int t = 0; t < seqLen; t++) o.put((bi * seqLen + t) * hid + h * headDim, block, t * headDim, headDim);
                }
            });
        }
        return out;
    }

    /**
     * First GELU pass: x += bias (in place, x becomes the GELU input) and returns the argument of the
     * transcendental: x/√2 for the erf form, √(2/π)(x + 0.044715x³) for the tanh form.
     */
    static INDArray geluArgument(INDArray x, INDArray bias, boolean tanh) {
        int n = (int) x.size(0), w = (int) x.size(1);
        INDArray z = Nd4j.createUninitialized(x.dataType(), new long[]{n, w}, 'c');
        if (x.dataType() == DataType.FLOAT) {
            FloatBuffer xb = RowNorm.floats(x), zb = RowNorm.floats(z);
            float[] b = new float[w];
            if (bias != null) RowNorm.floats(bias).get(0, b);
            float c = (float) Kernels.INV_SQRT2, k = (float) Kernels.SQRT_2_OVER_PI;
            RowParallel.forRows(n, w, (from, to) -> {
                float[] row = new float[w], arg = new float[w];
                for (int r = from; r < to; r++) {
                    xb.get(r * w, row);
                    for (int j = 0; j < w; j++) row[j] += b[j];
                    if (tanh) for (int j = 0; j < w; j++) arg[j] = (row[j] * row[j] * row[j] * 0.044715f + row[j]) * k;
                    else for (int j = 0; j < w; j++) arg[j] = row[j] * c;
                    if (bias != null) xb.put(r * w, row);
                    zb.put(r * w, arg);
                }
            });
        } else {
            DoubleBuffer xb = RowNorm.doubles(x), zb = RowNorm.doubles(z);
            double[] b = new double[w];
            if (bias != null) RowNorm.doubles(bias).get(0, b);
            RowParallel.forRows(n, w, (from, to) -> {
                double[] row = new double[w], arg = new double[w];
                for (int r = from; r < to; r++) {
                    xb.get(r * w, row);
                    for (int j = 0; j < w; j++) row[j] += b[j];
                    if (tanh) for (int j = 0; j < w; j++) arg[j] = (row[j] * row[j] * row[j] * 0.044715 + row[j]) * Kernels.SQRT_2_OVER_PI;
                    else for (int j = 0; j < w; j++) arg[j] = row[j] * Kernels.INV_SQRT2;
                    if (bias != null) xb.put(r * w, row);
                    zb.put(r * w, arg);
                }
            });
        }
        return z;
    }

    /**
     * Float32 exact-form GELU in one pass: x += bias (in place: x becomes the GELU input the cache keeps) and returns
     * 0.5·x·(1 + erf(x/√2)) with the vectorisable float erf of {@link ErfFloat}.
     */
    static INDArray geluErfFloat(INDArray x, INDArray bias) {
        int n = (int) x.size(0), w = (int) x.size(1);
        INDArray z = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n, w}, 'c');
        FloatBuffer xb = RowNorm.floats(x), zb = RowNorm.floats(z);
        float[] b = bias == null ? null : new float[w];
        if (b != null) RowNorm.floats(bias).get(0, b);
        RowParallel.forRows(n, w, (from, to) -> {
            float[] row = new float[w], out = new float[w];
            for (int r = from; r < to; r++) {
                xb.get(r * w, row);
                if (b != null) {
                    for (int j = 0; j < w; j++) row[j] += b[j];
                    xb.put(r * w, row);
                }
                ErfFloat.gelu(row, out, w);
                zb.put(r * w, out);
            }
        });
        return z;
    }

    /** Float32 GELU'(x) = Φ(x) + x·φ(x) of the exact form in one pass ({@link ErfTable}). */
    static INDArray geluErfDerivativeFloat(INDArray x) {
        int n = (int) x.size(0), w = (int) x.size(1);
        INDArray d = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n, w}, 'c');
        FloatBuffer xb = RowNorm.floats(x), db = RowNorm.floats(d);
        RowParallel.forRows(n, w, (from, to) -> {
            float[] row = new float[w];
            for (int r = from; r < to; r++) {
                xb.get(r * w, row);
                for (int j = 0; j < w; j++) row[j] = (float) ErfTable.geluDerivative(row[j]);
                db.put(r * w, row);
            }
        });
        return d;
    }

    /** table[index[i]] += rows[i] for every row i, in row order (indices may repeat, so not split over threads). */
    static void scatterAddRows(INDArray rows, int[] index, INDArray table) {
        int n = (int) rows.size(0), w = (int) rows.size(1), size = (int) table.size(0);
        if (index.length != n || table.size(1) != w) throw new IllegalArgumentException("scatter-add shapes do not match");
        double[] r = new double[w], t = new double[w];
        float[] tmp = rows.dataType() == DataType.FLOAT ? new float[w] : null;
        for (int i = 0; i < n; i++) {
            int k = index[i];
            if (k < 0 || k >= size) throw new IndexOutOfBoundsException("row " + k + " not in [0, " + size + ")");
            RowNorm.read(rows, tmp, i * w, r);
            RowNorm.read(table, tmp, k * w, t);
            for (int j = 0; j < w; j++) t[j] += r[j];
            RowNorm.write(table, tmp, k * w, t);
        }
    }

    /** Last GELU pass, in place on z = erf(x/√2) or tanh(u): z ← 0.5·x·(1 + z). */
    static void geluCombine(INDArray x, INDArray z) {
        int n = (int) x.length(), chunk = 4096, chunks = (n + chunk - 1) / chunk;
        if (x.dataType() == DataType.FLOAT) {
            FloatBuffer xb = RowNorm.floats(x), zb = RowNorm.floats(z);
            RowParallel.forRows(chunks, chunk, (from, to) -> {
                float[] xs = new float[chunk], zs = new float[chunk];
                for (int ci = from; ci < to; ci++) {
                    int off = ci * chunk, len = Math.min(chunk, n - off);
                    xb.get(off, xs, 0, len);
                    zb.get(off, zs, 0, len);
                    for (int j = 0; j < len; j++) zs[j] = 0.5f * xs[j] * (1f + zs[j]);
                    zb.put(off, zs, 0, len);
                }
            });
        } else {
            DoubleBuffer xb = RowNorm.doubles(x), zb = RowNorm.doubles(z);
            RowParallel.forRows(chunks, chunk, (from, to) -> {
                double[] xs = new double[chunk], zs = new double[chunk];
                for (int ci = from; ci < to; ci++) {
                    int off = ci * chunk, len = Math.min(chunk, n - off);
                    xb.get(off, xs, 0, len);
                    zb.get(off, zs, 0, len);
                    for (int j = 0; j < len; j++) zs[j] = 0.5 * xs[j] * (1 + zs[j]);
                    zb.put(off, zs, 0, len);
                }
            });
        }
    }
}
