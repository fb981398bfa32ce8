package org.bertology4j.analysis.kovaleva;

import org.bertology4j.core.train.TrainingExample;

/**
 * [CLS]/[SEP] positions of a {@code [CLS] A [SEP]} or {@code [CLS] A [SEP] B [SEP]} input, from its layout:
 * the first token, the last token, and the token before the first segment-1 token.
 */
final class SpecialTokens {
    private SpecialTokens() {}

    public static boolean[] of(TrainingExample e) {
        int n = e.length();
        boolean[] s = new boolean[n];
        s[0] = true;
        s[n - 1] = true;
        for (int i = 1; i < n; i++) {
            if (e.segmentIds()[i] != e.segmentIds()[0]) {
                s[i - 1] = true;
                break;
            }
        }
        return s;
    }

    /** Positions of [SEP] tokens (every special but the first). */
    public static int[] separators(TrainingExample e) {
        boolean[] s = of(e);
        return java.util.stream.IntStream.range(1, s.length).filter(i -> s[i]).toArray();
    }
}
