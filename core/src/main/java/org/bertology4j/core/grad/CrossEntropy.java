package org.bertology4j.core.grad;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Softmax cross-entropy over the columns of logits rows, in double precision. */
final class CrossEntropy {
    /** Sum of the row losses and d(sum)/dlogits = softmax − onehot (rows with a negative target: 0). */
    record Result(double sum, INDArray dLogits, int counted) {}

    private CrossEntropy() {}

    static Result of(INDArray logits, int[] targets, String what) {
        long rows = logits.size(0), cols = logits.size(1);
        if (targets.length != rows) {
            throw new IllegalArgumentException(what + ": " + targets.length + " targets for " + rows + " logit rows");
        }
        double[][] z = logits.toDoubleMatrix();
        double[][] d = new double[(int) rows][(int) cols];
        double sum = 0;
        int counted = 0;
        for (int i = 0; i < rows; i++) {
            int t = targets[i];
            if (t < 0) continue;                                   // ignored row (padding / unlabeled)
            if (t >= cols) throw new IllegalArgumentException(what + ": target " + t + " at row " + i + " not in [0, " + cols + ")");
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z[i]) max = Math.max(max, v);
            double s = 0;
            for (int j = 0; j < cols; j++) s += Math.exp(z[i][j] - max);
            double lse = max + Math.log(s);
            sum += lse - z[i][t];
            for (int j = 0; j < cols; j++) d[i][j] = Math.exp(z[i][j] - lse);
            d[i][t] -= 1;
            counted++;
        }
        return new Result(sum, Nd4j.create(d).castTo(logits.dataType()), counted);
    }
}
