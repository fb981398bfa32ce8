package org.bertology4j.core.kernels;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batched products out[i] = op(x[i])·op(y[i]) over the leading axes (the attention's per-head products) when oneMKL
 * serves the products: one call of oneMKL's strided batch gemm ({@link StridedBatchGemm}), or, where that cannot load,
 * one BLAS {@code gemm} per item with the items split over the execution's threads.
 * <p>Why: oneMKL runs ND4J's batched matmul of the attention's small matrices slowly on the AMD Zen 2 CPU measured.
 * Tenth session (medians of 7 rounds, GFLOP/s): 12 heads of 128 x 32 · 32 x 128 (bge-small's Q·Kᵀ) 30 through one
 * gemm per item, 72 through the strided batch; BERT-base's P·V at batch 8 66 and 107; [12, 512, 64]·[12, 64, 512]
 * 73 through ND4J's batched matmul and 111 through the strided batch. Ninth session: [96, 128, 64]·[96, 64, 128] at 30
 * through ND4J, 42 with one gemm per item on two threads. The three routes give bit-identical products from an inner
 * dimension of 16 on (below it oneMKL's batch kernels round differently, so those go one gemm per item:
 * {@link StridedBatchGemm#MIN_INNER}). OpenBLAS keeps ND4J's batched matmul (27 vs 26-28 at the larger shape).
 */
final class ItemProducts {
    private ItemProducts() {}

    /**
     * Largest product per item (multiply-adds) taken by the per-item route: larger ones oneMKL splits over the cores
     * itself. The strided batch takes any size.
     */
    static final long MAX_ITEM_WORK = 1L << 22;

    /** Whether this path takes the product: oneMKL serves the products and the arrays {@link #fit}. */
    static boolean accepts(INDArray x, INDArray y, INDArray out, boolean tx, boolean ty) {
        if (!LoadedBlas.oneMkl() || !fit(x, y, out, tx, ty, Long.MAX_VALUE)) return false;
        return strided(x, y, out, tx) || itemWork(x, out, tx) <= MAX_ITEM_WORK;
    }

    /** Whether {@link #run} takes the strided batch for these arrays (they must fit). */
    private static boolean strided(INDArray x, INDArray y, INDArray out, boolean tx) {
        return StridedBatchGemm.fits(x, y, out, tx) && StridedBatchGemm.usable();
    }

    /** {@link #fit(INDArray, INDArray, INDArray, boolean, boolean, long)} for the per-item route. */
    static boolean fit(INDArray x, INDArray y, INDArray out, boolean tx, boolean ty) {
        return fit(x, y, out, tx, ty, MAX_ITEM_WORK);
    }

    /**
     * Whether the arrays suit one gemm per item: float or double alike, rank 3 or more with the same leading axes, each
     * array's elements dense in 'c' order (views at an offset included), the shapes those of the product, and at most
     * {@code maxItemWork} multiply-adds per item.
     */
    static boolean fit(INDArray x, INDArray y, INDArray out, boolean tx, boolean ty, long maxItemWork) {
        int r = x.rank();
        if (r < 3 || y.rank() != r || out.rank() != r) return false;
        DataType t = x.dataType();
        if ((t != DataType.FLOAT && t != DataType.DOUBLE) || y.dataType() != t || out.dataType() != t) return false;
        if (!ElementwiseKernels.contiguous(x) || !ElementwiseKernels.contiguous(y) || !ElementwiseKernels.contiguous(out)) return false;
        for (int d = 0; d < r - 2; d++) if (y.size(d) != x.size(d) || out.size(d) != x.size(d)) return false;
        long m = tx ? x.size(r - 1) : x.size(r - 2), k = tx ? x.size(r - 2) : x.size(r - 1);
        long ky = ty ? y.size(r - 1) : y.size(r - 2), n = ty ? y.size(r - 2) : y.size(r - 1);
        return k == ky && out.size(r - 2) == m && out.size(r - 1) == n && m * n * k <= maxItemWork;
    }

    private static long itemWork(INDArray x, INDArray out, boolean tx) {
        int r = x.rank();
        return out.size(r - 2) * out.size(r - 1) * (tx ? x.size(r - 2) : x.size(r - 1));
    }

    /**
     * Where {@code a}'s first element lies from its buffer's address pointer, in elements: a view's buffer may itself
     * start at the view (ND4J gives item views a buffer at their offset, and the array the same offset).
     */
    static long start(INDArray a) { return a.offset() - a.data().offset(); }

    /** out = op(x)·op(y): the strided batch where it loads, else item by item; the arrays must be {@link #accepts}ed. */
    static void run(INDArray x, INDArray y, INDArray out, boolean tx, boolean ty) {
        if (strided(x, y, out, tx)) StridedBatchGemm.run(x, y, out, tx, ty);
        else runPerItem(x, y, out, tx, ty);
    }

    /** out = op(x)·op(y) item by item with the loaded BLAS (the route where the strided batch cannot load). */
    static void runPerItem(INDArray x, INDArray y, INDArray out, boolean tx, boolean ty) {
        int r = x.rank();
        int items = (int) (x.length() / (x.size(r - 2) * x.size(r - 1)));
        int m = (int) out.size(r - 2), n = (int) out.size(r - 1), k = (int) (tx ? x.size(r - 2) : x.size(r - 1));
        long xStride = x.size(r - 2) * x.size(r - 1), yStride = y.size(r - 2) * y.size(r - 1), oStride = (long) m * n;
        int lda = (int) x.size(r - 1), ldb = (int) y.size(r - 1);
        int ta = tx ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int tb = ty ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        boolean single = x.dataType() == DataType.FLOAT;
        long xAt = start(x), yAt = start(y), oAt = start(out);
        // each part its own pointer objects (a JavaCPP pointer's position is state)
        RowParallel.forRows(items, (long) m * n * k / 8, (from, to) -> {
            if (single) {
                FloatPointer a = new FloatPointer(x.data().addressPointer()), b = new FloatPointer(y.data().addressPointer());
                FloatPointer c = new FloatPointer(out.data().addressPointer());
                for (int i = from; i < to; i++) {
                    a.position(xAt + i * xStride);
                    b.position(yAt + i * yStride);
                    c.position(oAt + i * oStride);
                    openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, ta, tb, m, n, k, 1f, a, lda, b, ldb, 0f, c, n);
                }
            } else {
                DoublePointer a = new DoublePointer(x.data().addressPointer()), b = new DoublePointer(y.data().addressPointer());
                DoublePointer c = new DoublePointer(out.data().addressPointer());
                for (int i = from; i < to; i++) {
                    a.position(xAt + i * xStride);
                    b.position(yAt + i * yStride);
                    c.position(oAt + i * oStride);
                    openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, ta, tb, m, n, k, 1.0, a, lda, b, ldb, 0.0, c, n);
                }
            }
        });
    }
}
