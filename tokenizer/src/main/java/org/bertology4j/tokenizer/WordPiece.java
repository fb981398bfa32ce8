package org.bertology4j.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * WordPiece (tokenization.py {@code WordpieceTokenizer}): greedy longest-match-first segmentation of one basic
 * token, continuations prefixed with {@code ##}. If any part of the word cannot be matched, or the word has more
 * than {@code maxInputCharsPerWord} code points, the whole word becomes the unknown token.
 */
public final class WordPiece {

    /** Hugging Face's default (tokenization.py itself uses 200); see docs/tokenizer.md. */
    public static final int DEFAULT_MAX_INPUT_CHARS_PER_WORD = 100;

    /** One piece of a word: its vocabulary string and id and the code point range [cpStart, cpEnd) it covers. */
    public record Piece(String text, int id, int cpStart, int cpEnd) {
    }

    private final Vocabulary vocabulary;
    private final String continuingSubwordPrefix;
    private final int maxInputCharsPerWord;
    private final int unkId;

    /** {@code ##} continuations, at most {@value #DEFAULT_MAX_INPUT_CHARS_PER_WORD} code points per word. */
    public WordPiece(Vocabulary vocabulary) {
        this(vocabulary, "##", DEFAULT_MAX_INPUT_CHARS_PER_WORD);
    }

    /**
     * @param continuingSubwordPrefix prefix of non-initial pieces ({@code ##})
     * @param maxInputCharsPerWord    longer words (in code points) become the unknown token
     */
    public WordPiece(Vocabulary vocabulary, String continuingSubwordPrefix, int maxInputCharsPerWord) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        this.continuingSubwordPrefix = Objects.requireNonNull(continuingSubwordPrefix, "continuingSubwordPrefix");
        if (maxInputCharsPerWord < 1) {
            throw new IllegalArgumentException("maxInputCharsPerWord must be positive, got " + maxInputCharsPerWord);
        }
        this.maxInputCharsPerWord = maxInputCharsPerWord;
        this.unkId = vocabulary.unkId();
    }

    /** The prefix of continuation pieces ("##"). */
    public String continuingSubwordPrefix() { return continuingSubwordPrefix; }

    /** Longer words become [UNK]. */
    public int maxInputCharsPerWord() { return maxInputCharsPerWord; }

    /** The vocabulary pieces come from. */
    public Vocabulary vocabulary() { return vocabulary; }

    /** Segments one word (no whitespace expected); an empty word gives no pieces. */
    public List<Piece> split(String word) {
        int n = word.codePointCount(0, word.length());
        List<Piece> pieces = new ArrayList<>();
        if (n == 0) {
            return pieces;
        }
        if (n > maxInputCharsPerWord) {
            pieces.add(unknown(n));
            return pieces;
        }
        // UTF-16 index of each code point boundary, so substrings never cut a surrogate pair
        int[] charIndex = new int[n + 1];
        for (int k = 0, i = 0; k < n; k++) {
            charIndex[k] = i;
            i += Character.charCount(word.codePointAt(i));
        }
        charIndex[n] = word.length();

        int start = 0;
        while (start < n) {
            int end = n;
            Piece found = null;
            while (start < end) {
                String sub = word.substring(charIndex[start], charIndex[end]);
                if (start > 0) {
                    sub = continuingSubwordPrefix + sub;
                }
                int id = vocabulary.idOrMinusOne(sub);
                if (id >= 0) {
                    found = new Piece(sub, id, start, end);
                    break;
                }
                end--;
            }
            if (found == null) {
                pieces.clear();
                pieces.add(unknown(n));
                return pieces;
            }
            pieces.add(found);
            start = end;
        }
        return pieces;
    }

    private Piece unknown(int n) {
        return new Piece(vocabulary.unkToken(), unkId, 0, n);
    }
}
