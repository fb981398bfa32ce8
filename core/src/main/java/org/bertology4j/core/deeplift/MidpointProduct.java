package org.bertology4j.core.deeplift;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The midpoint rule for a bilinear product C = A·B (QKᵀ and P·V): with bars the means of input and
 * reference, ΔC = ΔA·B̄ + Ā·ΔB exactly, so g_A = g_C·B̄ᵀ and g_B = Āᵀ·g_C.
 * All arrays are rank 4 [K, heads, rows, cols]: K cotangents share one pair of operand means,
 * which the caller passes already tiled to K.
 */
final class MidpointProduct {
    private MidpointProduct() {}

    /** Mean of input and reference (new array). */
    static INDArray mean(INDArray a, INDArray a0) { return a.add(a0).muli(0.5); }

    /** For C = A·B: g_A = g_C·B̄ᵀ. */
    static INDArray gradLeft(INDArray gC, INDArray bBar) {
        return matmul(gC, bBar, false, true);
    }

    /** For C = A·B: g_B = Āᵀ·g_C. */
    static INDArray gradRight(INDArray aBar, INDArray gC) {
        return matmul(aBar, gC, true, false);
    }

    /** For S = Q·Kᵀ: g_K = g_Sᵀ·Q̄ (the right operand enters transposed). */
    static INDArray gradRightTransposed(INDArray gS, INDArray qBar) {
        return matmul(gS, qBar, true, false);
    }

    static INDArray matmul(INDArray a, INDArray b, boolean ta, boolean tb) {
        long[] s = a.shape();
        int r = s.length;
        long rows = ta ? s[r - 1] : s[r - 2];
        long cols = tb ? b.size(r - 2) : b.size(r - 1);
        long[] shape = s.clone();
        shape[r - 2] = rows;
        shape[r - 1] = cols;
        return org.bertology4j.core.kernels.Kernels.matmul(a, b, Nd4j.createUninitialized(a.dataType(), shape, 'c'), ta, tb);
    }
}
