package org.bertology4j.analysis.flow;

/**
 * Turns a piece-level (word-piece) flow map into a word-level one: flow into word t2 from word t1 is the
 * <b>sum</b> over t1's pieces of the <b>mean</b> over t2's pieces. This is the methods.md rule for G and G*,
 * and the same as "attention to a word = sum over its pieces, from a word = mean" for A (rows of an attention
 * map are the attending token t2).
 */
public final class WordAggregation {
    private WordAggregation() {}

    /**
     * @param pieceMap    {@code [P][P]} map, entry {@code [p2][p1]} = flow from piece p1 into piece p2
     * @param wordOfPiece for each piece its 0-based word index, or -1 for pieces belonging to no word
     *                    ({@code [CLS]}, {@code [SEP]}); those pieces are dropped
     * @param words       number of words W; every word must own at least one piece
     * @return {@code [W][W]} word-level map
     */
    public static double[][] toWords(double[][] pieceMap, int[] wordOfPiece, int words) {
        int p = wordOfPiece.length;
        if (pieceMap.length != p) {
            throw new IllegalArgumentException("piece map has " + pieceMap.length + " rows but " + p + " pieces are mapped to words");
        }
        int[] pieces = new int[words];
        for (int i = 0; i < p; i++) {
            int w = wordOfPiece[i];
            if (w < -1 || w >= words) throw new IllegalArgumentException("piece " + i + " maps to word " + w + ", outside [-1, " + words + ")");
            if (w >= 0) pieces[w]++;
        }
        for (int w = 0; w < words; w++) {
            if (pieces[w] == 0) throw new IllegalArgumentException("word " + w + " has no pieces");
        }
        double[][] out = new double[words][words];
        for (int p2 = 0; p2 < p; p2++) {
            int w2 = wordOfPiece[p2];
            if (w2 < 0) continue;
            if (pieceMap[p2].length != p) throw new IllegalArgumentException("piece map row " + p2 + " has " + pieceMap[p2].length + " columns, expected " + p);
            for (int p1 = 0; p1 < p; p1++) {
                int w1 = wordOfPiece[p1];
                if (w1 >= 0) out[w2][w1] += pieceMap[p2][p1];
            }
        }
        for (int w2 = 0; w2 < words; w2++) {
            for (int w1 = 0; w1 < words; w1++) out[w2][w1] /= pieces[w2];
        }
        return out;
    }
}
