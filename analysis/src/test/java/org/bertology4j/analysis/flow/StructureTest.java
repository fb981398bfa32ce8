package org.bertology4j.analysis.flow;

import org.bertology4j.analysis.attention.WordAttention;
import org.bertology4j.analysis.attention.WordUnits;

import org.bertology4j.analysis.conllu.Sentence;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Tree distances, coreference pairs, word aggregation and map validation. */
class StructureTest {

    @Test
    void goldTreeDistancesOnHandMadeTree() {
        Sentence s1 = FlowFixtures.sentences().get(0);
        int[][] d = DependencyTrees.goldDistances(s1);
        // tree: said(2) root; John(1)->2, saw(4)->2, barked(9)->2; he(3)->4, dog(6)->4; the(5)->6; and(7)->9, it(8)->9
        assertEquals(1, d[0][1]);   // John - said
        assertEquals(2, d[0][3]);   // John - said - saw
        assertEquals(4, d[0][4]);   // John - said - saw - dog - the
        assertEquals(5, d[4][6]);   // the - dog - saw - said - barked - and
        assertEquals(4, d[2][7]);   // he - saw - said - barked - it
        for (int i = 0; i < d.length; i++) {
            assertEquals(0, d[i][i]);
            for (int j = 0; j < d.length; j++) assertEquals(d[i][j], d[j][i]);
        }
    }

    @Test
    void rightBranchingIsLinearDistance() {
        int[][] d = DependencyTrees.rightBranchingDistances(6);
        for (int i = 0; i < 6; i++) for (int j = 0; j < 6; j++) assertEquals(Math.abs(i - j), d[i][j]);
    }

    @Test
    void cyclicHeadsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DependencyTrees.distances(new int[]{0, 3, 2}, "bad-sentence"));
        assertTrue(e.getMessage().contains("bad-sentence"), e.getMessage());
    }

    @Test
    void corefPairsFollowTheDocumentedDefinition() {
        List<Sentence> s = FlowFixtures.sentences();
        assertEquals(List.of(new CorefPairs.Pair(0, 2, true), new CorefPairs.Pair(0, 7, false), new CorefPairs.Pair(5, 7, true)),
                CorefPairs.of(s.get(0)));
        // "it" (no mention) and "today" (no mention) are excluded
        assertEquals(List.of(new CorefPairs.Pair(0, 4, false), new CorefPairs.Pair(2, 4, true)), CorefPairs.of(s.get(1)));
        assertEquals(List.of(), CorefPairs.of(s.get(2)));
    }

    @Test
    void wordAggregationSumsOverSourcePiecesAndAveragesOverTargetPieces() {
        // pieces: [CLS] a b1 b2 [SEP]; words a=0, b=1
        int[] wordOf = {-1, 0, 1, 1, -1};
        double[][] p = new double[5][5];
        for (int i = 0; i < 5; i++) for (int j = 0; j < 5; j++) p[i][j] = 10 * i + j;
        double[][] w = WordAttention.betweenWords(p, WordUnits.of(wordOf));
        assertEquals(11, w[0][0], 1e-12);                          // into a from a
        assertEquals(12 + 13, w[0][1], 1e-12);                     // into a from b1+b2
        assertEquals((21 + 31) / 2.0, w[1][0], 1e-12);             // into b (mean of b1,b2) from a
        assertEquals((22 + 23 + 32 + 33) / 2.0, w[1][1], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> WordUnits.of(new int[]{-1, 0, 1, 0, -1}));
    }

    /** The flow study's former aggregation (before it became WordAttention's): the results must stay bit-identical. */
    private static double[][] formerToWords(double[][] pieceMap, int[] wordOfPiece, int words) {
        int p = wordOfPiece.length;
        int[] pieces = new int[words];
        for (int w : wordOfPiece) if (w >= 0) pieces[w]++;
        double[][] out = new double[words][words];
        for (int p2 = 0; p2 < p; p2++) {
            int w2 = wordOfPiece[p2];
            if (w2 < 0) continue;
            for (int p1 = 0; p1 < p; p1++) {
                int w1 = wordOfPiece[p1];
                if (w1 >= 0) out[w2][w1] += pieceMap[p2][p1];
            }
        }
        for (int w2 = 0; w2 < words; w2++) for (int w1 = 0; w1 < words; w1++) out[w2][w1] /= pieces[w2];
        return out;
    }

    @Test
    void theOneAggregationIsBitIdenticalToTheFlowStudysFormerOne() {
        java.util.Random rnd = new java.util.Random(3);
        int[] wordOf = {-1, 0, 1, 1, 1, 2, 3, 3, 4, -1, 5, 5, -1};
        for (int trial = 0; trial < 20; trial++) {
            double[][] p = new double[wordOf.length][wordOf.length];
            for (double[] row : p) for (int j = 0; j < row.length; j++) row[j] = rnd.nextGaussian() * Math.exp(rnd.nextGaussian() * 5);
            double[][] expected = formerToWords(p, wordOf, 6), actual = WordAttention.betweenWords(p, WordUnits.of(wordOf));
            for (int i = 0; i < 6; i++) org.junit.jupiter.api.Assertions.assertArrayEquals(expected[i], actual[i], 0.0);
        }
    }

    @Test
    void badMapsAreRejectedWithClearMessages() {
        double[][][] ok = new double[2][2][2];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FlowMaps(List.of("a", "b"), ok, new double[3][2][2], ok));
        assertTrue(e.getMessage().contains("gradient has 3 layers"), e.getMessage());
        double[][][] nan = new double[2][2][2];
        nan[1][0][1] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> new FlowMaps(List.of("a", "b"), ok, ok, nan));
        assertTrue(e.getMessage().contains("gradientFromEmbeddings layer 1 entry [0][1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new FlowMaps(List.of("a", "b", "c"), ok, ok, ok));
        assertTrue(e.getMessage().contains("must have 3 rows"), e.getMessage());
    }
}
