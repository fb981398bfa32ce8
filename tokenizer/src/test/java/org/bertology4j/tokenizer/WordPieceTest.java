package org.bertology4j.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WordPieceTest {

    // the vocabulary of google-research/bert tokenization_test.py test_wordpiece_tokenizer, plus a few entries
    private static final Vocabulary VOCAB = Vocabulary.of(List.of("[UNK]", "[CLS]", "[SEP]", "want", "##want",
            "##ed", "wa", "un", "runn", "##ing", "a", "##a", "\uD83D\uDE00", "##\uD83D\uDE00"));
    private final WordPiece wp = new WordPiece(VOCAB);

    private List<String> split(String word) {
        return wp.split(word).stream().map(WordPiece.Piece::text).toList();
    }

    @Test
    void greedyLongestMatchFirst() {
        assertEquals(List.of("un", "##want", "##ed"), split("unwanted"));
        assertEquals(List.of("runn", "##ing"), split("running"));
        assertEquals(List.of("want"), split("want"));
        assertEquals(List.of(), split(""));
        List<WordPiece.Piece> p = wp.split("unwanted");
        assertEquals(new WordPiece.Piece("##want", 4, 2, 6), p.get(1));
    }

    @Test
    void wholeWordBecomesUnknownWhenAnyPartFails() {
        // tokenization_test.py: "unwantedX" -> [UNK], not "un ##want ##ed [UNK]"
        assertEquals(List.of("[UNK]"), split("unwantedX"));
        assertEquals(new WordPiece.Piece("[UNK]", 0, 0, 9), wp.split("unwantedX").get(0));
        assertEquals(List.of("[UNK]"), split("xunwanted"));
    }

    @Test
    void wordLengthLimitCountsCodePoints() {
        assertEquals(100, split("a".repeat(100)).size());
        assertEquals(List.of("[UNK]"), split("a".repeat(101)));
        // 100 emoji are 200 UTF-16 chars but 100 code points: still segmented
        List<String> emoji = split("\uD83D\uDE00".repeat(100));
        assertEquals(100, emoji.size());
        assertEquals("##\uD83D\uDE00", emoji.get(99));
        assertEquals(List.of("[UNK]"), split("\uD83D\uDE00".repeat(101)));
        WordPiece wide = new WordPiece(VOCAB, "##", 200);
        assertEquals(150, wide.split("a".repeat(150)).size());
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new WordPiece(VOCAB, "##", 0));
        // a vocabulary without its unknown token cannot be built
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(List.of("x")));
    }
}
