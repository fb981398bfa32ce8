package org.bertology4j.analysis.qa.train;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Best-span decoding on hand-made windows and logits: the reference's filters, the null score and the n-best list. */
class SpanDecoderTest {
    // context "ab cd ef gh": 4 pieces at characters [0,2) [3,5) [6,8) [9,11)
    static final String CONTEXT = "ab cd ef gh";
    static final int[][] PIECES = {{0, 2}, {3, 5}, {6, 8}, {9, 11}};

    /** A window [CLS] q [SEP] pieces from..to [SEP]; maxContext for the given context pieces. */
    static QaWindow window(int index, int from, int to, boolean... maxContext) {
        int n = to - from + 1, len = n + 4;
        int[] ids = new int[len], seg = new int[len], cs = new int[len], ce = new int[len];
        boolean[] mc = new boolean[len];
        Arrays.fill(cs, -1);
        Arrays.fill(ce, -1);
        for (int i = 0; i < n; i++) {
            cs[3 + i] = PIECES[from + i][0];
            ce[3 + i] = PIECES[from + i][1];
            mc[3 + i] = maxContext[i];
            seg[3 + i] = 1;
        }
        return new QaWindow("q", index, ids, seg, new String[len], 3, cs, ce, mc, 0, 0);
    }

    static double[] logits(int len, double... pairs) {
        double[] v = new double[len];
        Arrays.fill(v, -10);
        for (int i = 0; i < pairs.length; i += 2) v[(int) pairs[i]] = pairs[i + 1];
        return v;
    }

    @Test
    void bestSpanWithinLengthAndOrderAcrossWindows() {
        QaWindow w0 = window(0, 0, 2, true, true, false), w1 = window(1, 1, 3, false, true, true);
        // window 0: start "ab" 3.0, end "cd" 2.0 -> "ab cd" 5.0; end before start and [SEP] ends are ignored
        double[] s0 = logits(7, 0, 1, 3, 3.0, 5, 4.0), e0 = logits(7, 0, 1, 4, 2.0, 6, 9.0);
        // window 1: start at "gh" 2.5, end at "gh" 2.0 -> 4.5; "cd" (not max context here) would score 20
        double[] s1 = logits(7, 0, 0.5, 3, 10.0, 5, 2.5), e1 = logits(7, 0, 0.5, 3, 10.0, 5, 2.0);
        QaPrediction p = SpanDecoder.defaults().decode(List.of(w0, w1), CONTEXT, List.of(s0, s1), List.of(e0, e1));
        assertEquals("ab cd", p.text());
        assertEquals(0, p.best().charStart());
        assertEquals(5, p.best().charEnd());
        assertEquals(5.0, p.best().score(), 0);
        assertEquals(1.0, p.nullScore(), 0, "the smaller [CLS] score of the two windows");
        assertEquals(1.0 - 5.0, p.scoreDiff(), 0);
        assertEquals(List.of("ab cd", "gh", "", "ab", "ab cd ef"), p.nBest().stream().map(QaPrediction.Span::text).toList().subList(0, 5));
        double sum = p.nBest().stream().mapToDouble(QaPrediction.Span::probability).sum();
        assertEquals(1.0, sum, 1e-12);
        assertTrue(p.nBest().get(0).probability() > p.nBest().get(1).probability());

        // max answer length 1 piece: "ab cd" is too long; "gh" (4.5, window 1) beats "ab" (3.0 - 10)
        QaPrediction shortOnly = new SpanDecoder(20, 1, 0.0).decode(List.of(w0, w1), CONTEXT, List.of(s0, s1), List.of(e0, e1));
        assertEquals("gh", shortOnly.text());
        assertEquals(1, shortOnly.best().window());
    }

    @Test
    void theNullScoreWinsAboveTheThreshold() {
        QaWindow w = window(0, 0, 3, true, true, true, true);
        double[] s = logits(8, 0, 6.0, 4, 2.0), e = logits(8, 0, 1.0, 4, 3.0);   // null 7.0 vs "cd" 5.0
        QaPrediction p = SpanDecoder.defaults().decode(List.of(w), CONTEXT, List.of(s), List.of(e));
        assertEquals("", p.text());
        assertEquals("cd", p.best().text(), "the best span is still reported");
        assertEquals(2.0, p.scoreDiff(), 0);
        QaPrediction lenient = new SpanDecoder(20, 30, 2.5).decode(List.of(w), CONTEXT, List.of(s), List.of(e));
        assertEquals("cd", lenient.text(), "a threshold above the difference answers");
    }

    @Test
    void withoutAValidSpanTheAnswerIsEmpty() {
        QaWindow w = window(0, 0, 1, false, false);
        QaPrediction p = SpanDecoder.defaults().decode(List.of(w), CONTEXT, List.of(logits(6, 3, 5.0)), List.of(logits(6, 4, 5.0)));
        assertEquals("", p.text());
        assertNull(p.best());
        assertEquals(Double.POSITIVE_INFINITY, p.scoreDiff());
        assertThrows(IllegalArgumentException.class,
                () -> SpanDecoder.defaults().decode(List.of(w), CONTEXT, List.of(new double[2]), List.of(new double[2])));
        assertThrows(IllegalArgumentException.class, () -> new SpanDecoder(0, 30, 0));
    }
}
