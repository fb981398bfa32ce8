package org.bertology4j.tokenizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BertTokenizerTest {

    private static final List<String> TOKENS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "hello", ",",
            "world", "!", "don", "'", "t", "un", "##aff", "##able", "a", "b", "c", "d", "e", "f", "g", "h");

    @TempDir
    Path dir;

    private BertTokenizer tokenizer() throws IOException {
        return BertTokenizer.fromVocabTxt(TestData.writeVocab(dir, TOKENS), true);
    }

    private static int[] ids(String... pieces) {
        return Arrays.stream(pieces).mapToInt(TOKENS::indexOf).toArray();
    }

    @Test
    void specialTokensWrittenInTextStayWhole() throws IOException {
        String text = "Hello [MASK], world[SEP]!";
        Encoding e = tokenizer().encode(text);
        assertArrayEquals(new String[] {"[CLS]", "hello", "[MASK]", ",", "world", "[SEP]", "!", "[SEP]"}, e.pieces());
        assertArrayEquals(ids("[CLS]", "hello", "[MASK]", ",", "world", "[SEP]", "!", "[SEP]"), e.ids());
        // offsets of the literal special and of the text after it point into the original string
        assertEquals("[MASK]", text.substring(e.offsets()[2][0], e.offsets()[2][1]));
        assertEquals("!", text.substring(e.offsets()[6][0], e.offsets()[6][1]));
        assertArrayEquals(new int[] {-1, 0, 1, 2, 3, 4, 5, -1}, e.wordIndex());
        // lower-case "[mask]" is ordinary text, as in Hugging Face
        assertArrayEquals(new String[] {"hello", "[UNK]", "[UNK]", "[UNK]"}, tokenizer().tokenize("hello [mask]").toArray());
    }

    @Test
    void encodeSingleText() throws IOException {
        String text = "Hello, world!";
        Encoding e = tokenizer().encode(text);
        assertArrayEquals(new String[] {"[CLS]", "hello", ",", "world", "!", "[SEP]"}, e.pieces());
        assertArrayEquals(ids("[CLS]", "hello", ",", "world", "!", "[SEP]"), e.ids());
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0}, e.segmentIds());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1}, e.attentionMask());
        assertArrayEquals(new int[] {-1, 0, 1, 2, 3, -1}, e.wordIndex());
        assertArrayEquals(new int[][] {{0, 0}, {0, 5}, {5, 6}, {7, 12}, {12, 13}, {0, 0}}, e.offsets());
        assertEquals(List.of("hello", ",", "world", "!"), e.words());
        assertFalse(e.truncated());
        assertEquals(6, e.length());
    }

    @Test
    void encodePairNumbersWordsAcrossSegments() throws IOException {
        Encoding e = tokenizer().encodePair("Hello", "unaffable world");
        assertArrayEquals(new String[] {"[CLS]", "hello", "[SEP]", "un", "##aff", "##able", "world", "[SEP]"},
                e.pieces());
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 1, 1}, e.segmentIds());
        assertArrayEquals(new int[] {-1, 0, -1, 1, 1, 1, 2, -1}, e.wordIndex());
        // second-segment offsets index the second text
        assertArrayEquals(new int[][] {{0, 0}, {0, 5}, {0, 0}, {0, 2}, {2, 5}, {5, 9}, {10, 15}, {0, 0}},
                e.offsets());
        assertEquals(List.of("hello", "unaffable", "world"), e.words());
    }

    @Test
    void encodePreSplitWords() throws IOException {
        List<String> words = List.of("Don't", "\u200B", "Unaffable");
        Encoding e = tokenizer().encodeWords(words);
        assertArrayEquals(new String[] {"[CLS]", "don", "'", "t", "[UNK]", "un", "##aff", "##able", "[SEP]"},
                e.pieces());
        assertArrayEquals(new int[] {-1, 0, 0, 0, 1, 2, 2, 2, -1}, e.wordIndex());
        // offsets into "Don't \u200B Unaffable"; the zero-width word yields no piece, so it gets [UNK] over itself
        assertArrayEquals(new int[][] {{0, 0}, {0, 3}, {3, 4}, {4, 5}, {6, 7}, {8, 10}, {10, 13}, {13, 17}, {0, 0}},
                e.offsets());
        assertEquals(words, e.words());

        Encoding pair = tokenizer().encodeWordPair(List.of("a", "b"), List.of("c"));
        assertArrayEquals(new int[] {-1, 0, 1, -1, 2, -1}, pair.wordIndex());
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1}, pair.segmentIds());
        assertEquals(List.of("a", "b", "c"), pair.words());
        assertThrows(NullPointerException.class, () -> tokenizer().encodeWords(Arrays.asList("a", null)));
    }

    @Test
    void truncationStrategiesOnPairs() throws IOException {
        BertTokenizer t = tokenizer();
        // 5 + 3 pieces + 3 specials = 11 > 8: 3 pieces must go
        Encoding longest = t.encodePair("a b c d e", "f g h", 8, Truncation.LONGEST_FIRST);
        // 5>3 -> 4, 4>3 -> 3, 3=3 -> second loses one
        assertArrayEquals(new String[] {"[CLS]", "a", "b", "c", "[SEP]", "f", "g", "[SEP]"}, longest.pieces());
        assertTrue(longest.truncated());
        assertEquals(List.of("a", "b", "c", "f", "g"), longest.words());
        assertArrayEquals(new int[] {-1, 0, 1, 2, -1, 3, 4, -1}, longest.wordIndex());

        Encoding first = t.encodePair("a b c d e", "f g h", 8, Truncation.ONLY_FIRST);
        assertArrayEquals(new String[] {"[CLS]", "a", "b", "[SEP]", "f", "g", "h", "[SEP]"}, first.pieces());

        Encoding second = t.encodePair("a b c d e", "f g h", 9, Truncation.ONLY_SECOND);
        assertArrayEquals(new String[] {"[CLS]", "a", "b", "c", "d", "e", "[SEP]", "f", "[SEP]"}, second.pieces());
        assertThrows(InputTooLongException.class,
                () -> t.encodePair("a b c d e", "f g h", 8, Truncation.ONLY_SECOND));

        InputTooLongException tooLong = assertThrows(InputTooLongException.class,
                () -> t.encodePair("a b c d e", "f g h", 8, Truncation.NONE));
        assertEquals(11, tooLong.pieceCount());
        assertEquals(8, tooLong.limit());
        assertTrue(tooLong.getMessage().contains("11") && tooLong.getMessage().contains("8"), tooLong.getMessage());

        Encoding fits = t.encodePair("a b c d e", "f g h", 11, Truncation.NONE);
        assertFalse(fits.truncated());
    }

    @Test
    void truncationAndLimitOnSingleInputs() throws IOException {
        BertTokenizer t = tokenizer();
        assertArrayEquals(new String[] {"[CLS]", "a", "b", "[SEP]"},
                t.encode("a b c d e", 4, Truncation.LONGEST_FIRST).pieces());
        assertArrayEquals(new String[] {"[CLS]", "a", "b", "[SEP]"},
                t.encode("a b c d e", 4, Truncation.ONLY_FIRST).pieces());
        assertThrows(InputTooLongException.class, () -> t.encode("a b c d e", 4, Truncation.ONLY_SECOND));

        // the default limit is the tokenizer's maxLength with truncation NONE
        assertEquals(512, t.maxLength());
        InputTooLongException e = assertThrows(InputTooLongException.class,
                () -> t.withMaxLength(6).encode("a b c d e"));
        assertEquals(7, e.pieceCount());
        assertEquals(6, e.limit());
        assertEquals(7, t.withMaxLength(7).encode("a b c d e").length());

        // a word cut in the middle stays in the word list
        Encoding cut = t.encodeWords(List.of("unaffable", "a"), 4, Truncation.ONLY_FIRST);
        assertArrayEquals(new String[] {"[CLS]", "un", "##aff", "[SEP]"}, cut.pieces());
        assertEquals(List.of("unaffable"), cut.words());
        assertThrows(IllegalArgumentException.class, () -> t.encode("a", 2, Truncation.LONGEST_FIRST));
    }

    @Test
    void decodeAndIdHelpers() throws IOException {
        BertTokenizer t = tokenizer();
        assertEquals(List.of("hello", "un", "##aff", "##able"), t.tokenize("Hello unaffable"));
        int[] ids = t.idsOf(List.of("[CLS]", "un", "##aff", "##able", "world", "[SEP]"));
        assertArrayEquals(ids("[CLS]", "un", "##aff", "##able", "world", "[SEP]"), ids);
        assertEquals("[CLS] unaffable world [SEP]", t.decode(ids));
        assertEquals(List.of("un", "##aff"), t.piecesOf(new int[] {12, 13}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.decode(new int[] {5, 999}));
        assertTrue(e.getMessage().contains("999"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.idsOf(List.of("zzz")));
    }

    @Test
    void modelDirectoryReadsTokenizerConfig() throws IOException {
        Path cased = Files.createDirectory(dir.resolve("cased"));
        TestData.writeVocab(cased, TOKENS);
        Files.writeString(cased.resolve("tokenizer_config.json"),
                "{\"do_lower_case\": false, \"model_max_length\": 128}");
        BertTokenizer c = BertTokenizer.fromModelDirectory(cased);
        assertEquals(List.of("[UNK]", "hello"), c.tokenize("Hello hello"));
        assertEquals(128, c.maxLength());

        Path plain = Files.createDirectory(dir.resolve("plain"));
        TestData.writeVocab(plain, TOKENS);
        Files.writeString(plain.resolve("tokenizer_config.json"), "{\"model_max_length\": 1e30}");
        BertTokenizer p = BertTokenizer.fromModelDirectory(plain);
        assertEquals(List.of("hello", "hello"), p.tokenize("Hello hello"));
        assertEquals(512, p.maxLength());

        Path json = Files.createDirectory(dir.resolve("json"));
        Files.writeString(json.resolve("tokenizer.json"), """
                {"model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                           "max_input_chars_per_word": 100,
                           "vocab": {"[UNK]": 0, "[CLS]": 1, "[SEP]": 2, "Hel": 3, "##lo": 4}},
                 "normalizer": {"type": "BertNormalizer", "lowercase": false}}
                """);
        assertEquals(List.of("Hel", "##lo", "[UNK]"), BertTokenizer.fromModelDirectory(json).tokenize("Hello hello"));

        Path empty = Files.createDirectory(dir.resolve("empty"));
        TokenizerConfigException e = assertThrows(TokenizerConfigException.class,
                () -> BertTokenizer.fromModelDirectory(empty));
        assertTrue(e.getMessage().contains("vocab.txt") && e.getMessage().contains("tokenizer.json"), e.getMessage());
    }
}
