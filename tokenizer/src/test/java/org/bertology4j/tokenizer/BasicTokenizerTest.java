package org.bertology4j.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Expectations derived by hand from the rules of tokenization.py (see the comment on each case). */
class BasicTokenizerTest {

    private final BasicTokenizer uncased = new BasicTokenizer(true);
    private final BasicTokenizer cased = new BasicTokenizer(false);

    /** [start, end) of every token. */
    private static int[][] spans(List<BasicToken> tokens) {
        return tokens.stream().map(t -> new int[] {t.start(), t.end()}).toArray(int[][]::new);
    }

    @Test
    void accentsAreStrippedOnlyWhenUncased() {
        assertEquals(List.of("hello", "world"), uncased.tokenizeToStrings("Héllo Wörld"));
        assertEquals(List.of("Héllo", "Wörld"), cased.tokenizeToStrings("Héllo Wörld"));
        // already decomposed input: e + U+0301 is one source code point more, same token
        List<BasicToken> t = uncased.tokenize("He\u0301llo");
        assertEquals(List.of("hello"), t.stream().map(BasicToken::text).toList());
        assertArrayEquals(new int[][] {{0, 6}}, spans(t));
        assertEquals(List.of("He\u0301llo"), cased.tokenizeToStrings("He\u0301llo"));
    }

    @Test
    void tokenizationPyTestCases() {
        // google-research/bert tokenization_test.py test_basic_tokenizer_lower / _no_lower
        assertEquals(List.of("hello", "!", "how", "are", "you", "?"),
                uncased.tokenizeToStrings(" \tHeLLo!how  \n Are yoU?  "));
        assertEquals(List.of("hello"), uncased.tokenizeToStrings("H\u00E9llo"));
        assertEquals(List.of("HeLLo", "!", "how", "Are", "yoU", "?"),
                cased.tokenizeToStrings(" \tHeLLo!how  \n Are yoU?  "));
        // test_chinese
        assertEquals(List.of("ah", "\u535A", "\u63A8", "zz"), uncased.tokenizeToStrings("ah\u535A\u63A8zz"));
    }

    @Test
    void cjkIdeographsAreSingleTokensButKanaIsNot() {
        List<BasicToken> t = uncased.tokenize("我爱ABC北京");
        assertEquals(List.of("我", "爱", "abc", "北", "京"), t.stream().map(BasicToken::text).toList());
        assertArrayEquals(new int[][] {{0, 1}, {1, 2}, {2, 5}, {5, 6}, {6, 7}}, spans(t));
        // hiragana is outside the _is_chinese_char ranges; uncased NFD turns が into か + U+3099 (Mn, stripped)
        assertEquals(List.of("ひらかな"), uncased.tokenizeToStrings("ひらがな"));
        assertEquals(List.of("ひらがな"), cased.tokenizeToStrings("ひらがな"));
        // CJK Extension B (U+20000) is a surrogate pair and in range
        assertEquals(List.of("a", "\uD840\uDC00", "b"), uncased.tokenizeToStrings("a\uD840\uDC00b"));
    }

    @Test
    void punctuationRunsSplitIntoSingleCharacters() {
        List<BasicToken> t = uncased.tokenize("wow...!?");
        assertEquals(List.of("wow", ".", ".", ".", "!", "?"), t.stream().map(BasicToken::text).toList());
        assertArrayEquals(new int[][] {{0, 3}, {3, 4}, {4, 5}, {5, 6}, {6, 7}, {7, 8}}, spans(t));
        assertEquals(List.of("john", "'", "s"), uncased.tokenizeToStrings("John's"));
        // $ ^ ` are ASCII "punctuation" for BERT although Unicode says Sc/Sk; « » are Pi/Pf; — is Pd
        assertEquals(List.of("$", "5", "^", "`", "«", "x", "»", "a", "—", "b"),
                uncased.tokenizeToStrings("$5^` «x» a—b"));
        // € is Sc, not punctuation: stays attached
        assertEquals(List.of("5€"), uncased.tokenizeToStrings("5€"));
    }

    @Test
    void urlsAreCutAtEveryPunctuationCharacter() {
        assertEquals(List.of("https", ":", "/", "/", "example", ".", "com", "/", "a", "?", "b", "=", "1"),
                uncased.tokenizeToStrings("https://Example.com/a?b=1"));
    }

    @Test
    void emojiAreCodePointsNotHalves() {
        // U+2764 (So) + U+FE0F (variation selector, Mn: stripped when uncased); U+1F600 is a surrogate pair (So)
        String text = "I ❤\uFE0F \uD83D\uDE00!";
        List<BasicToken> t = uncased.tokenize(text);
        assertEquals(List.of("i", "❤", "\uD83D\uDE00", "!"), t.stream().map(BasicToken::text).toList());
        // the stripped selector produces nothing, so the heart's span is its own char only
        assertArrayEquals(new int[][] {{0, 1}, {2, 3}, {5, 7}, {7, 8}}, spans(t));
        assertEquals(List.of("I", "❤\uFE0F", "\uD83D\uDE00", "!"), cased.tokenizeToStrings(text));
    }

    @Test
    void controlAndZeroWidthCharactersAreDroppedWithoutSplitting() {
        // NUL, BEL (Cc), ZWSP U+200B, ZWJ U+200D, soft hyphen U+00AD, BOM U+FEFF (Cf), U+FFFD
        String text = "a\u0000b\u0007c\u200Bd\u200De\u00ADf\uFEFFg\uFFFDh";
        List<BasicToken> t = uncased.tokenize(text);
        assertEquals(List.of("abcdefgh"), t.stream().map(BasicToken::text).toList());
        assertArrayEquals(new int[][] {{0, text.length()}}, spans(t));
        // private use (Co) is NOT a control for tokenization.py (Cc/Cf only)
        assertEquals(List.of("a\uE000b"), uncased.tokenizeToStrings("a\uE000b"));
    }

    @Test
    void whitespaceVariantsSplit() {
        // tab, LF, CR, NBSP, thin space, ideographic space (Zs), line/paragraph separator (Python str.split)
        String text = "a\tb\nc\r\nd\u00A0e\u2009f\u3000g\u2028h\u2029i";
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i"), uncased.tokenizeToStrings(text));
        assertEquals(List.of(), uncased.tokenizeToStrings(" \t\n\u00A0 "));
        assertEquals(List.of(), uncased.tokenizeToStrings(""));
    }

    @Test
    void lengthChangingNormalizationKeepsSourceOffsets() {
        // İ lowercases to i + U+0307 (2 code points), the mark is then stripped
        List<BasicToken> t = uncased.tokenize("xİstanbul, ok");
        assertEquals(List.of("xistanbul", ",", "ok"), t.stream().map(BasicToken::text).toList());
        assertArrayEquals(new int[][] {{0, 9}, {9, 10}, {11, 13}}, spans(t));
        // lowercase without accent stripping (HF option): the dot survives, both code points map to İ
        BasicToken dotted = new BasicTokenizer(true, false, true, true).tokenize("İx").get(0);
        assertEquals("i\u0307x", dotted.text());
        assertEquals(0, dotted.sourceStart(1));
        assertEquals(1, dotted.sourceEnd(2));
        assertEquals(2, dotted.sourceEnd(3));
        // Hangul syllables decompose (NFD) into 3 jamo each (Lo, not stripped): 2 source chars -> 6 code points
        BasicToken hangul = uncased.tokenize("한국").get(0);
        assertEquals(6, hangul.codePointCount());
        assertEquals(0, hangul.sourceStart(2));
        assertEquals(1, hangul.sourceEnd(3));
        assertEquals(1, hangul.sourceStart(3));
        assertEquals(2, hangul.sourceEnd(6));
        // Greek final sigma depends on context: the whole token is lowercased, as Python's str.lower()
        assertEquals(List.of("οδος"), uncased.tokenizeToStrings("ΟΔΟΣ"));
        assertEquals('ς', uncased.tokenizeToStrings("ΟΔΟΣ").get(0).charAt(3));
    }

    @Test
    void lonelyCombiningMarkVanishesWhenUncased() {
        assertEquals(List.of(), uncased.tokenizeToStrings(" \u0301 "));
        assertEquals(List.of("\u0301"), cased.tokenizeToStrings(" \u0301 "));
    }

    @Test
    void offsetsPointAtTheSourceSubstrings() {
        String text = "  Don't panic — visit https://x.org/Ünï?q=1 (now)!  ";
        for (BasicToken t : uncased.tokenize(text)) {
            String source = text.substring(t.start(), t.end());
            // re-tokenizing the source substring must give back exactly this token
            assertEquals(List.of(t.text()), uncased.tokenizeToStrings(source), source);
        }
    }
}
