package org.bertology4j.analysis.kovaleva;

/**
 * How one head's attention to a token class is scored on one example with n real tokens, class tokens C and
 * attention {@code A[i][j]} (row i attends to column j).
 */
public enum TokenClassScore {
    /**
     * Kovaleva et al.'s score: {@code max_{j∈C} (1/n) Σ_i A[i][j]}, the attention each class token receives from all
     * tokens (its column sum), divided by the length, maximum over the class's tokens ("we compute the sum of
     * self-attention weights assigned to the token of interest from each input token. ... this sum is normalized by
     * sequence length. ... If there are multiple tokens of the same type ... we take the maximum value", section
     * "Attention to linguistic features"). Uniform attention scores 1/n; every row on one class token scores 1.
     */
    COLUMN_SUM,
    /**
     * This project's earlier score: {@code Σ_i max_{j∈C} A[i][j]}, the most attended class token of each row, summed
     * over the rows (n times the row mean). Uniform attention scores 1 whatever the length; every row on one class
     * token scores n. For a one-token class it is n times {@link #COLUMN_SUM}; for several tokens at least that, since
     * each row may pick another token.
     */
    ROW_MAX;

    /** The score of one head's row-major n×n map for the class tokens {@code member} (at least one). */
    double of(double[] a, int n, boolean[] member) {
        double best = 0;
        if (this == COLUMN_SUM) {
            for (int j = 0; j < n; j++) {
                if (!member[j]) continue;
                double col = 0;
                for (int i = 0; i < n; i++) col += a[i * n + j];
                best = Math.max(best, col / n);
            }
            return best;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            double row = 0;
            for (int j = 0; j < n; j++) if (member[j] && a[i * n + j] > row) row = a[i * n + j];
            s += row;
        }
        return s;
    }
}
