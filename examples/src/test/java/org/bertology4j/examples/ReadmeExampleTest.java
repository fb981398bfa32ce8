package org.bertology4j.examples;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's Java example ({@link ReadmeExample}, line for line) on BERT-base, and what its comments claim. */
@Tag("real-model")
class ReadmeExampleTest {
    @Test
    void readmeExampleRuns() {
        ReadmeExample.Output o = ReadmeExample.run();
        assertArrayEquals(new String[]{"[CLS]", "the", "capital", "of", "france", "is", "[MASK]", ".", "[SEP]"}, o.enc().pieces());
        assertArrayEquals(new long[]{12, 9, 9}, o.attention().shape());
        // the disabled head 8-11 is uniform over the 9 tokens
        assertEquals(1.0 / 9, o.attention().getDouble(10, 3, 5), 1e-6);
        assertEquals(12, o.flow().gradient().length);
        assertTrue(o.why().relativeResidual() < 1e-4, "completeness residual " + o.why().relativeResidual());
        assertTrue(o.why().tokenScores()[4] > 0, "'france' supports 'paris': " + o.why().tokenScores()[4]);
    }
}
