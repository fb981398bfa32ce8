package org.bertology4j.analysis.kovaleva;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decision rule on hand-made maps whose class is clear by construction. */
class PatternRuleTest {
    private static final PatternRule RULE = PatternRule.standard();

    /** n tokens, [CLS] at 0 and [SEP] at n-1 (single segment). */
    private static boolean[] specials(int n, int... more) {
        boolean[] s = new boolean[n];
        s[0] = s[n - 1] = true;
        for (int m : more) s[m] = true;
        return s;
    }

    private static PatternClass classify(double[][] a, boolean[] special, int[] seg) {
        int n = a.length;
        double[] flat = new double[n * n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) sum += a[i][j];
            assertEquals(1.0, sum, 1e-12, "row " + i + " of the hand-made map");
            System.arraycopy(a[i], 0, flat, i * n, n);
        }
        return RULE.classify(PatternFeatures.of(flat, n, special, seg));
    }

    @Test
    void allMassOnClsAndSepIsVertical() {
        int n = 8;
        double[][] a = new double[n][n];
        for (double[] r : a) { r[0] = 0.6; r[n - 1] = 0.4; }
        assertEquals(PatternClass.VERTICAL, classify(a, specials(n), new int[n]));
    }

    @Test
    void previousTokenIsDiagonal() {
        int n = 8;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) a[i][Math.max(0, i - 1) == i ? 1 : i - 1] = 1.0;
        assertEquals(PatternClass.DIAGONAL, classify(a, specials(n), new int[n]));
    }

    @Test
    void halfSepHalfNextIsVerticalPlusDiagonal() {
        int n = 8;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i][n - 1] += 0.5;
            a[i][i + 1 < n ? i + 1 : i - 1] += 0.5;
        }
        assertEquals(PatternClass.VERTICAL_DIAGONAL, classify(a, specials(n), new int[n]));
    }

    @Test
    void uniformIsHeterogeneousAndPairsWithinSegmentAreBlocks() {
        int n = 10;
        double[][] u = new double[n][n];
        for (double[] r : u) java.util.Arrays.fill(r, 1.0 / n);
        int[] seg = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};   // [CLS] a a a [SEP] b b b b [SEP]
        boolean[] sp = specials(n, 4);
        assertEquals(PatternClass.HETEROGENEOUS, classify(u, sp, seg));
        assertEquals(PatternClass.HETEROGENEOUS, classify(u, specials(n), new int[n]));
        // content tokens spread evenly over the non-adjacent content tokens of their own segment
        double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (sp[i]) { java.util.Arrays.fill(b[i], 1.0 / n); continue; }
            int cnt = 0;
            for (int j = 0; j < n; j++) if (!sp[j] && seg[j] == seg[i] && Math.abs(j - i) != 1) cnt++;
            for (int j = 0; j < n; j++) if (!sp[j] && seg[j] == seg[i] && Math.abs(j - i) != 1) b[i][j] = 1.0 / cnt;
        }
        PatternFeatures f = PatternFeatures.of(flat(b), n, sp, seg);
        assertEquals(1.0, f.block(), 1e-12);
        assertTrue(f.vertical() < 0.2 && f.diagonal() < 0.2, f.toString());
        assertEquals(PatternClass.BLOCK, classify(b, sp, seg));
    }

    private static double[] flat(double[][] a) {
        int n = a.length;
        double[] f = new double[n * n];
        for (int i = 0; i < n; i++) System.arraycopy(a[i], 0, f, i * n, n);
        return f;
    }
}
