package org.bertology4j.analysis.kovaleva;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PairedChangeTest {
    @Test
    void changeTestAndIntervalOfADisabledModel() {
        // 100 examples: the intact model (a) gets 60 right; the changed one (b) loses 12 of those and gains 2
        int n = 100;
        int[] gold = new int[n], a = new int[n], b = new int[n];
        for (int i = 60; i < n; i++) a[i] = 1;   // a right on 0..59
        for (int i = 0; i < n; i++) b[i] = a[i];
        for (int i = 0; i < 12; i++) b[i] = 2;   // b wrong on 0..11
        b[60] = 0;
        b[61] = 0;                               // b right on 60, 61
        PairedChange c = PairedChange.of(gold, a, b, 4000, 0.95, 7);
        assertEquals(-0.10, c.change(), 1e-15);
        assertEquals(2, c.test().aOnly(), "only the changed model right");
        assertEquals(12, c.test().bOnly(), "only the intact model right");
        assertEquals(McNemar.pValue(2, 12), c.test().pValue(), 0.0);
        assertTrue(c.significant(0.05), "2 vs 12 discordant: p = " + c.test().pValue());
        // the bootstrap interval of a mean of 100 draws of d (+1 twice, -1 twelve times): sd = sqrt((0.14 - 0.01)/100)
        double sd = Math.sqrt((0.14 - 0.01) / n);
        assertEquals(-0.10 - 1.96 * sd, c.low(), 0.015);
        assertEquals(-0.10 + 1.96 * sd, c.high(), 0.015);
        assertTrue(c.high() < 0);
        assertEquals(c, PairedChange.of(gold, a, b, 4000, 0.95, 7), "seeded");
        // no change: interval [0, 0], p = 1
        PairedChange none = PairedChange.of(gold, a, a.clone(), 100, 0.95, 1);
        assertEquals(0.0, none.low(), 0.0);
        assertEquals(0.0, none.high(), 0.0);
        assertEquals(1.0, none.test().pValue(), 0.0);
    }

    @Test
    void holmStepsDownThroughTheSortedPValues() {
        // alpha 0.05, m = 4: thresholds 0.0125, 0.0167, 0.025, 0.05
        assertEquals(2, PairedChange.holmRejections(new double[]{0.04, 0.001, 0.015, 0.3}, 0.05));
        assertEquals(0, PairedChange.holmRejections(new double[]{0.02, 0.03, 0.04, 0.045}, 0.05));
        assertEquals(4, PairedChange.holmRejections(new double[]{0.01, 0.01, 0.01, 0.01}, 0.05));
    }
}
