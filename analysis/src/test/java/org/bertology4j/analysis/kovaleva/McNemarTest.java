package org.bertology4j.analysis.kovaleva;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class McNemarTest {
    @Test
    void exactTwoSidedPValueFromTheDiscordantExamples() {
        int n = 30;
        int[] gold = new int[n], a = new int[n], b = new int[n];
        // 10 examples only A gets right, 2 only B, 18 both right
        for (int i = 0; i < 10; i++) b[i] = 1;
        for (int i = 10; i < 12; i++) a[i] = 1;
        McNemar m = McNemar.of(gold, a, b);
        assertEquals(10, m.aOnly());
        assertEquals(2, m.bOnly());
        // 2 * P(X <= 2), X ~ Bin(12, 1/2) = 2 * (1 + 12 + 66) / 4096
        assertEquals(2.0 * 79 / 4096, m.pValue(), 1e-12);
        assertEquals(m.pValue(), McNemar.of(gold, b, a).pValue(), 0);
        assertEquals(1.0, McNemar.of(gold, a, a).pValue(), 0);
        assertEquals(1.0, McNemar.pValue(3, 3), 0);
        assertThrows(IllegalArgumentException.class, () -> McNemar.of(gold, a, new int[3]));
    }
}
