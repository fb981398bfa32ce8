package org.bertology4j.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ViewerDataTest {
    private static final List<String> PIECES = List.of("[CLS]", "hi", "[SEP]");
    private static final int[] WORDS_OF = {-1, 0, -1};
    private static final List<String> WORDS = List.of("hi");

    private static float[][][][] uniform(int layers, int heads, int t) {
        float[][][][] a = new float[layers][heads][t][t];
        for (float[][][] l : a) for (float[][] h : l) for (float[] row : h) java.util.Arrays.fill(row, 1f / t);
        return a;
    }

    private static ViewerData.Builder valid() {
        return ViewerData.builder().tokens(PIECES, WORDS_OF, WORDS).attention(uniform(2, 3, 3));
    }

    private static void assertRejected(ViewerData.Builder b, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        for (String f : fragments) assertTrue(e.getMessage().contains(f), () -> "message '" + e.getMessage() + "' lacks '" + f + "'");
    }

    @Test
    void validDataKeepsShapesAndDefaultsSegmentsToZero() {
        ViewerData d = valid().build();
        assertEquals(3, d.tokenCount());
        assertEquals(2, d.layerCount());
        assertEquals(3, d.headCount());
        assertEquals(0, d.segmentIds()[2]);
    }

    @Test
    void rejectsWordIndexOutOfRange() {
        assertRejected(ViewerData.builder().tokens(PIECES, new int[] {-1, 1, -1}, WORDS).attention(uniform(1, 1, 3)),
                "token 1", "'hi'", "word index 1");
    }

    @Test
    void rejectsMismatchedCounts() {
        assertRejected(ViewerData.builder().tokens(PIECES, new int[] {-1, 0}, WORDS).attention(uniform(1, 1, 3)), "2 word indices for 3 tokens");
        assertRejected(valid().segmentIds(new int[] {0, 0}), "2 segment ids for 3 tokens");
    }

    @Test
    void rejectsBadAttentionShapesAndValues() {
        assertRejected(valid().attention(uniform(1, 1, 4)), "attention layer 0 head 0", "4 rows, expected 3");
        float[][][][] ragged = uniform(2, 2, 3);
        ragged[1] = new float[][][] {ragged[1][0]};
        assertRejected(valid().attention(ragged), "layer 1 has 1 heads, layer 0 has 2");
        float[][][][] row = uniform(1, 1, 3);
        row[0][0][2] = new float[2];
        assertRejected(valid().attention(row), "row 2 has 2 columns, expected 3");
        float[][][][] nan = uniform(1, 2, 3);
        nan[0][1][1][2] = Float.NaN;
        assertRejected(valid().attention(nan), "attention layer 0 head 1 [1][2] = NaN");
        float[][][][] big = uniform(1, 1, 3);
        big[0][0][0][0] = 1.5f;
        assertRejected(valid().attention(big), "[0][0] = 1.5");
    }

    @Test
    void rejectsBadFlowsAndDeepLift() {
        assertRejected(valid().gradientFlow(new float[1][3][3]), "G has 1 layers, attention has 2");
        float[][][] neg = new float[2][3][3];
        neg[1][0][1] = -1f;
        assertRejected(valid().gradientFlowFromInput(neg), "G* layer 1 [0][1] = -1.0");
        assertRejected(valid().deepLift(new float[2][3]), "DeepLIFT has 2 rows, expected layers + 1 = 3");
        float[][] inf = new float[3][3];
        inf[2][1] = Float.POSITIVE_INFINITY;
        assertRejected(valid().deepLift(inf), "DeepLIFT row 2 token 1");
    }

    @Test
    void rejectsBadAttentionMapsNamingTheField() {
        assertRejected(valid().rollout(new float[3][3][3]), "rollout has 3 layers, attention has 2");
        float[][][] above = new float[2][3][3];
        above[1][2][0] = 1.2f;
        assertRejected(valid().rollout(above), "rollout layer 1 [2][0] = 1.2", "must lie in [0, 1]");
        float[][][] short_ = new float[2][3][3];
        short_[0][1] = new float[1];
        assertRejected(valid().attentionFlow(short_), "attention flow layer 0 row 1 has 1 columns, expected 3");
        float[][][] neg = new float[2][3][3];
        neg[0][0][2] = -0.5f;
        assertRejected(valid().attentionFlow(neg), "attention flow layer 0 [0][2] = -0.5");
        float[][][] nan = new float[2][3][3];
        nan[1][1][1] = Float.NaN;
        assertRejected(valid().valueNormMixed(nan), "value-norm (heads mixed) layer 1 [1][1] = NaN", "vector norm");
    }

    @Test
    void valueNormNeedsTheAttentionsLayersAndHeadsAndMayExceedOne() {
        assertRejected(valid().valueNorm(new float[1][3][3][3]), "value-norm has 1 layers, attention has 2");
        assertRejected(valid().valueNorm(new float[2][2][3][3]), "value-norm layer 0 has 2 heads, attention has 3");
        float[][][][] inf = new float[2][3][3][3];
        inf[1][2][0][1] = Float.POSITIVE_INFINITY;
        assertRejected(valid().valueNorm(inf), "value-norm layer 1 head 2 [0][1] = Infinity", "finite and non-negative");
        float[][][][] large = new float[2][3][3][3];
        large[0][0][0][0] = 17.5f;
        float[][][] one = new float[2][3][3];
        one[1][0][0] = 1f;
        ViewerData d = valid().valueNorm(large).valueNormMixed(new float[2][3][3]).rollout(one).attentionFlow(one).build();
        assertEquals(17.5f, d.valueNorm()[0][0][0][0]);
        assertEquals(1f, d.rollout()[1][0][0]);
        assertEquals(2, d.attentionFlow().length);
        assertEquals(2, d.valueNormMixed().length);
    }
}
