package org.bertology4j.analysis.probe;

/**
 * Features of every (dependent, candidate head) pair of one sentence: {@code f[k][d][c]} for words d in [0, n)
 * and candidates c in [0, n] where c = n is the root.
 *
 * @param values {@code [features][n][n+1]}
 */
public record ArcFeatures(double[][][] values) {

    /** Number of features K. */
    public int size() { return values.length; }

    /** Number of words n. */
    public int words() { return values[0].length; }
}
