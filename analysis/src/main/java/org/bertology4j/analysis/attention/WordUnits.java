package org.bertology4j.analysis.attention;

import org.bertology4j.tokenizer.Encoding;

import java.util.Arrays;

/**
 * Groups the pieces of a sequence into word-level units: each word's pieces form one unit and every
 * special token ({@code wordIndex == -1}: [CLS], [SEP]) is a unit of its own. Units keep sequence order.
 */
public final class WordUnits {
    private final int[] unitOfPiece;
    private final int[] wordOfUnit;
    private final int[] unitOfWord;
    private final int[] piecesInUnit;

    private WordUnits(int[] unitOfPiece, int[] wordOfUnit, int words) {
        this.unitOfPiece = unitOfPiece;
        this.wordOfUnit = wordOfUnit;
        this.unitOfWord = new int[words];
        Arrays.fill(unitOfWord, -1);
        for (int u = 0; u < wordOfUnit.length; u++) if (wordOfUnit[u] >= 0) unitOfWord[wordOfUnit[u]] = u;
        for (int w = 0; w < words; w++) if (unitOfWord[w] < 0) throw new IllegalArgumentException("word " + w + " has no pieces");
        this.piecesInUnit = new int[wordOfUnit.length];
        for (int u : unitOfPiece) piecesInUnit[u]++;
    }

    /** Units of an encoding. */
    public static WordUnits of(Encoding encoding) { return of(encoding.wordIndex()); }

    /**
     * Units from a word index per piece (-1 for specials).
     *
     * @throws IllegalArgumentException if a word's pieces are not contiguous or words are skipped
     */
    public static WordUnits of(int[] wordIndex) {
        int[] unitOfPiece = new int[wordIndex.length];
        int[] wordOfUnit = new int[wordIndex.length];
        int units = 0, maxWord = -1;
        for (int p = 0; p < wordIndex.length; p++) {
            int w = wordIndex[p];
            if (w >= 0 && p > 0 && wordIndex[p - 1] == w) {
                unitOfPiece[p] = units - 1;
                continue;
            }
            if (w >= 0) {
                if (w <= maxWord) throw new IllegalArgumentException("pieces of word " + w + " are not contiguous (piece " + p + ")");
                maxWord = w;
            }
            wordOfUnit[units] = w;
            unitOfPiece[p] = units++;
        }
        return new WordUnits(unitOfPiece, Arrays.copyOf(wordOfUnit, units), maxWord + 1);
    }

    /** True when every word of the encoding has at least one piece (a word can vanish, e.g. if it is only control characters). */
    public static boolean coversAllWords(Encoding e) {
        boolean[] seen = new boolean[e.words().size()];
        for (int w : e.wordIndex()) if (w >= 0 && w < seen.length) seen[w] = true;
        for (boolean b : seen) if (!b) return false;
        return true;
    }

    /** Number of units (words plus special tokens). */
    public int size() { return wordOfUnit.length; }

    /** Number of words. */
    public int words() { return unitOfWord.length; }

    /** Unit of a piece. */
    public int unitOfPiece(int piece) { return unitOfPiece[piece]; }

    /** Word index of a unit, -1 for a special token. */
    public int wordOfUnit(int unit) { return wordOfUnit[unit]; }

    /** Unit of a word. */
    public int unitOfWord(int word) { return unitOfWord[word]; }

    /** Number of pieces in a unit. */
    public int piecesInUnit(int unit) { return piecesInUnit[unit]; }

    /** Number of pieces. */
    public int pieces() { return unitOfPiece.length; }
}
