package org.bertology4j.analysis.kovaleva;

/**
 * Features of one head's map on one example (n real tokens, rows sum to 1), all means over the n rows:
 *
 * @param vertical mass on the [CLS] column plus every [SEP] column
 * @param diagonal mass on the ±1 diagonals (previous and next token)
 * @param block    for pairs: mass that content tokens (not [CLS]/[SEP]) put on content tokens of their own
 *                 segment, mean over content rows; NaN for single segments
 */
public record PatternFeatures(double vertical, double diagonal, double block) {

    /**
     * @param map      row-major n×n attention map
     * @param special  true at [CLS]/[SEP] positions
     * @param segments segment id of each token
     */
    public static PatternFeatures of(double[] map, int n, boolean[] special, int[] segments) {
        double v = 0, d = 0, blk = 0;
        int contentRows = 0;
        boolean pair = false;
        for (int i = 0; i < n; i++) if (segments[i] != segments[0]) pair = true;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) if (special[j]) v += map[row + j];
            if (i > 0) d += map[row + i - 1];
            if (i + 1 < n) d += map[row + i + 1];
            if (pair && !special[i]) {
                double own = 0;
                for (int j = 0; j < n; j++) if (!special[j] && segments[j] == segments[i]) own += map[row + j];
                blk += own;
                contentRows++;
            }
        }
        return new PatternFeatures(v / n, d / n, pair && contentRows > 0 ? blk / contentRows : Double.NaN);
    }
}
