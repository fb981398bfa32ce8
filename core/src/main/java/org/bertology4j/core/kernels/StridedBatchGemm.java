package org.bertology4j.core.kernels;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.mkl.global.mkl_rt;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * oneMKL's {@code cblas_?gemm_batch_strided}: all items of a batched product in one call, which oneMKL spreads over its
 * threads with its small-matrix kernels. It is reached through JavaCPP's MKL preset of the JavaCPP release ND4J is
 * built on (1.5.7, oneMKL 2022.0 headers), whose JNI library calls whatever {@code libmkl_rt} is loaded: here oneMKL
 * 2025.2's, which {@code model.NativeBuild} has JavaCPP's OpenBLAS preset load for ND4J's products.
 *
 * <p>Usable only when oneMKL serves the products, the preset's JNI library loads, and the preset's version as JavaCPP
 * reads it (the first {@code org.bytedeco/mkl} Maven descriptor on the class path) is JavaCPP's own: otherwise JavaCPP
 * would print a version warning on load, so the route is skipped silently and {@link ItemProducts} runs one gemm per
 * item instead (the same products, bit for bit). The build declares the preset ahead of oneMKL's natives for that
 * reason.
 */
final class StridedBatchGemm {
    private static volatile Boolean usable;

    private StridedBatchGemm() {}

    /** Whether the strided batch can run here (loads the preset's JNI library on the first call with oneMKL loaded). */
    static boolean usable() {
        Boolean u = usable;
        if (u != null) return u;
        if (!LoadedBlas.oneMkl()) return false;                  // natives not loaded yet, or OpenBLAS: ask again later
        synchronized (StridedBatchGemm.class) {
            if (usable == null) usable = load();
            return usable;
        }
    }

    private static boolean load() {
        try {
            if (!Loader.checkVersion("org.bytedeco", "mkl", "-", false, StridedBatchGemm.class)) return false;
            Loader.load(mkl_rt.class);
            return true;
        } catch (LinkageError | RuntimeException e) {             // no JNI library for this platform, or no preset
            return false;
        }
    }

    /**
     * Inner dimensions below this go one gemm per item: there oneMKL's batch kernels sum in another order than its
     * gemm (P·V over 5 or 9 tokens differed in the last bit; from 16 on they were equal at every size tried), and
     * such products cost next to nothing either way. So a result does not depend on which route ran.
     */
    static final int MIN_INNER = 16;

    /**
     * Whether the strided batch takes the product: an inner dimension of at least {@link #MIN_INNER}, and item strides
     * and counts within oneMKL's 32-bit integers (the arrays must fit {@link ItemProducts}).
     */
    static boolean fits(INDArray x, INDArray y, INDArray out, boolean tx) {
        int r = out.rank();
        if ((tx ? x.size(r - 2) : x.size(r - 1)) < MIN_INNER) return false;
        long most = Math.max(Math.max(x.size(r - 2) * x.size(r - 1), y.size(r - 2) * y.size(r - 1)), out.size(r - 2) * out.size(r - 1));
        return most <= Integer.MAX_VALUE && out.length() / (out.size(r - 2) * out.size(r - 1)) <= Integer.MAX_VALUE;
    }

    /** out = op(x)·op(y) over the leading axes in one call; the arrays must fit {@link ItemProducts} and {@link #fits}. */
    static void run(INDArray x, INDArray y, INDArray out, boolean tx, boolean ty) {
        int r = x.rank();
        int items = (int) (out.length() / (out.size(r - 2) * out.size(r - 1)));
        int m = (int) out.size(r - 2), n = (int) out.size(r - 1), k = (int) (tx ? x.size(r - 2) : x.size(r - 1));
        int xStride = (int) (x.size(r - 2) * x.size(r - 1)), yStride = (int) (y.size(r - 2) * y.size(r - 1)), oStride = m * n;
        int lda = (int) x.size(r - 1), ldb = (int) y.size(r - 1);
        int ta = tx ? mkl_rt.CblasTrans : mkl_rt.CblasNoTrans, tb = ty ? mkl_rt.CblasTrans : mkl_rt.CblasNoTrans;
        if (x.dataType() == DataType.FLOAT) {
            FloatPointer a = new FloatPointer(x.data().addressPointer()).position(ItemProducts.start(x));
            FloatPointer b = new FloatPointer(y.data().addressPointer()).position(ItemProducts.start(y));
            FloatPointer c = new FloatPointer(out.data().addressPointer()).position(ItemProducts.start(out));
            mkl_rt.cblas_sgemm_batch_strided(mkl_rt.CblasRowMajor, ta, tb, m, n, k, 1f, a, lda, xStride, b, ldb, yStride,
                    0f, c, n, oStride, items);
        } else {
            DoublePointer a = new DoublePointer(x.data().addressPointer()).position(ItemProducts.start(x));
            DoublePointer b = new DoublePointer(y.data().addressPointer()).position(ItemProducts.start(y));
            DoublePointer c = new DoublePointer(out.data().addressPointer()).position(ItemProducts.start(out));
            mkl_rt.cblas_dgemm_batch_strided(mkl_rt.CblasRowMajor, ta, tb, m, n, k, 1.0, a, lda, xStride, b, ldb, yStride,
                    0.0, c, n, oStride, items);
        }
    }

    /** Route name for the benches' header. */
    static String route() { return usable() ? "oneMKL strided batch" : LoadedBlas.oneMkl() ? "one gemm per item" : "ND4J batched matmul"; }
}
