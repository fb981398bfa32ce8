package org.bertology4j.core.grad;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Softmax cross-entropy over the columns of logits rows, in double precision. */
final class CrossEntropy {
    /** Sum of the row losses (for {@link #mean}: their mean) and the gradient w.r.t. the logits. */
    record Result(double sum, INDArray dLogits, int counted) {}

    private CrossEntropy() {}

    /** Sum of the row losses and d(sum)/dlogits = softmax − onehot (rows with a negative target: ignored, 0). */
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
            check(t, i, cols, what);
            double max = max(z[i]), s = expSum(z[i], max);
            double lse = max + Math.log(s);
            sum += lse - z[i][t];
            for (int j = 0; j < cols; j++) d[i][j] = Math.exp(z[i][j] - lse);
            d[i][t] -= 1;
            counted++;
        }
        return new Result(sum, Nd4j.create(d).castTo(logits.dataType()), counted);
    }

    /**
     * Mean over the rows (every row labelled) and its gradient (softmax − onehot)/rows, both formed in double before
     * the one cast to the logits' type: the sequence classifier's arithmetic since fine-tuning was first written.
     */
    static Result mean(INDArray logits, int[] targets, String what) {
        int rows = (int) logits.size(0), cols = (int) logits.size(1);
        double[][] z = logits.toDoubleMatrix();
        double[][] d = new double[rows][cols];
        double loss = 0;
        for (int i = 0; i < rows; i++) {
            int t = targets[i];
            if (t < 0) throw new IllegalArgumentException(what + ": label " + t + " of batch item " + i + " is negative");
            check(t, i, cols, what);
            double max = max(z[i]), s = expSum(z[i], max);
            loss += Math.log(s) + max - z[i][t];
            for (int c = 0; c < cols; c++) d[i][c] = (Math.exp(z[i][c] - max) / s - (c == t ? 1 : 0)) / rows;
        }
        return new Result(loss / rows, Nd4j.create(d).castTo(logits.dataType()), rows);
    }

    private static void check(int target, int row, long cols, String what) {
        if (target >= cols) throw new IllegalArgumentException(what + ": target " + target + " at row " + row + " not in [0, " + cols + ")");
    }

    private static double max(double[] z) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : z) m = Math.max(m, v);
        return m;
    }

    private static double expSum(double[] z, double max) {
        double s = 0;
        for (double v : z) s += Math.exp(v - max);
        return s;
    }
}
