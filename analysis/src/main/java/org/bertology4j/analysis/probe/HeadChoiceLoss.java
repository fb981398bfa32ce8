package org.bertology4j.analysis.probe;

/**
 * The probes' loss: for each word the cross-entropy of a softmax over its candidate heads (the other words, and the
 * root at index n), with its gradient with respect to the scores; both probes share it.
 */
final class HeadChoiceLoss {
    private HeadChoiceLoss() {}

    /**
     * Mean over the words of -log p(gold head).
     *
     * @param s    scores [n][n + 1]: word d's score for head c (c = n: the root)
     * @param gold gold head per word, -1 for the root
     * @param g    receives d(mean loss)/d s, [n][n + 1]
     */
    static double mean(double[][] s, int[] gold, double[][] g) {
        int n = gold.length;
        double loss = 0;
        for (int d = 0; d < n; d++) {
            int y = gold[d] < 0 ? n : gold[d];
            if (y == d) throw new IllegalArgumentException("word " + d + " is its own head");
            double max = Double.NEGATIVE_INFINITY;
            for (double v : s[d]) max = Math.max(max, v);
            double z = 0;
            for (double v : s[d]) z += Math.exp(v - max);
            double logZ = max + Math.log(z);
            loss -= s[d][y] - logZ;
            for (int c = 0; c <= n; c++) g[d][c] = (Math.exp(s[d][c] - logZ) - (c == y ? 1 : 0)) / n;
        }
        return loss / n;
    }
}
