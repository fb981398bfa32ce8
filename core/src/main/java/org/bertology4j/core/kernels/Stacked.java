package org.bertology4j.core.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Helpers for K stacked cotangents: a cotangent of K·N rows against per-row forward values of N rows.
 * The forward value is broadcast over the K copies instead of being tiled. Reached through {@link Kernels}.
 */
final class Stacked {
    private Stacked() {}

    /** In place: a [K·N, W] *= b [N, W] (every copy). */
    static INDArray mulRows(INDArray a, INDArray b) {
        long n = b.size(0);
        if (a.size(0) == n) return a.muli(b);
        INDArray a3 = a.reshape('c', a.size(0) / n, n, a.size(1));
        Nd4j.exec(new BroadcastMulOp(a3, b, a3, 1, 2));
        return a;
    }

    /** In place: a [K·N, W] *= c [N] (one factor per row, every copy). */
    static INDArray mulColumn(INDArray a, INDArray c, long n) {
        INDArray a3 = a.reshape('c', a.size(0) / n, n, a.size(1));
        Nd4j.exec(new BroadcastMulOp(a3, c.reshape(n), a3, 1));
        return a;
    }

    /** In place: a [M, W] -= c [M] (per-row value subtracted from every column). */
    static INDArray subRowValue(INDArray a, INDArray c) {
        Nd4j.exec(new BroadcastSubOp(a, c.reshape(a.size(0)), a, 0));
        return a;
    }

    /** Sum over the K copies: [K·N, W] → [N, W]. */
    static INDArray sumCopies(INDArray a, long n) {
        if (a.size(0) == n) return a;
        long k = a.size(0) / n, w = a.size(1);
        return ColumnSums.of(contiguous(a).reshape('c', k, n * w)).reshape('c', n, w);
    }

    /** 'c'-ordered, non-view array (copy only when needed). */
    static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
    }
}
