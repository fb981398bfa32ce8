package org.bertology4j.analysis.qa;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SQuAD's normalisation and scores on hand-worked cases, each equal to what the official evaluate-v2.0.py's
 * {@code normalize_answer}, {@code compute_exact} and {@code compute_f1} return (checked once against the script).
 */
class AnswerNormalizerTest {
    @Test
    void lowerCasesAndRemovesAsciiPunctuationArticlesAndExtraWhiteSpace() {
        assertEquals("cat", AnswerNormalizer.normalize("The Cat!"));
        assertEquals("apple day", AnswerNormalizer.normalize("an apple a day"));
        assertEquals("end", AnswerNormalizer.normalize("THE END"));
        assertEquals("end", AnswerNormalizer.normalize("the\tend\n"));
        assertEquals("b", AnswerNormalizer.normalize("(a) b"));               // the brackets go first, then "a"
        assertEquals("dont", AnswerNormalizer.normalize("Don't"));
        assertEquals("café", AnswerNormalizer.normalize("café, the"));
        assertEquals("1990s", AnswerNormalizer.normalize("the 1990s"));
    }

    @Test
    void articlesOnlyAsWholeWords() {
        assertEquals("theatre", AnswerNormalizer.normalize("theatre"));
        assertEquals("anthem", AnswerNormalizer.normalize("anthem"));
        assertEquals("", AnswerNormalizer.normalize("A"));
        assertEquals("", AnswerNormalizer.normalize("the the"));
        assertEquals("2a", AnswerNormalizer.normalize("2a"));                 // a digit is a word character
        assertEquals("a²", AnswerNormalizer.normalize("a²"));                 // so is "²" (Python's isalnum)
        assertEquals("éa b", AnswerNormalizer.normalize("éa b"));             // and a Unicode letter
        assertEquals("ⅻ", AnswerNormalizer.normalize("Ⅻ a"));
        assertEquals("\u0301", AnswerNormalizer.normalize("a\u0301"));        // a combining mark is not
        assertEquals("—end", AnswerNormalizer.normalize("the—end"));          // nor a dash
    }

    @Test
    void punctuationIsAsciiOnly() {
        assertEquals("ab", AnswerNormalizer.normalize("a_b"));                // "_" is punctuation: removed before the articles
        assertEquals("ab", AnswerNormalizer.normalize("a-b"));
        assertEquals("byron’s", AnswerNormalizer.normalize("Byron’s"));       // a typographic apostrophe stays
        assertEquals(List.of("«", "»", "end"), AnswerNormalizer.tokens("«the» end"));
    }

    @Test
    void whiteSpaceIsPythonsIncludingNoBreakSpaces() {
        assertEquals(List.of("10", "km"), AnswerNormalizer.tokens("10\u00a0km"));
        assertEquals(List.of("x", "y"), AnswerNormalizer.tokens("x\u2003y"));
        assertEquals(List.of(), AnswerNormalizer.tokens(""));
        assertEquals(List.of(), AnswerNormalizer.tokens("  the  "));
    }

    @Test
    void exactMatchAndTokenF1() {
        assertEquals(1, AnswerNormalizer.exact("The Cat.", "cat"));
        assertEquals(0, AnswerNormalizer.exact("1990", "in 1990"));
        // gold [cat, sat, on, mat], predicted [cat, on, mat]: precision 1, recall 3/4
        assertEquals(2 * 0.75 / 1.75, AnswerNormalizer.f1("the cat sat on the mat", "cat on mat"), 1e-15);
        // counts with multiplicity: gold [b, b, c], predicted [b, c, c] share one b and one c
        assertEquals(2.0 / 3, AnswerNormalizer.f1("a b b c", "b c c"), 1e-15);
        assertEquals(0, AnswerNormalizer.f1("Denver", "Broncos"));
    }

    @Test
    void emptyAnswersAgreeOnlyWithEmptyAnswers() {
        assertEquals(1, AnswerNormalizer.f1("", ""));
        assertEquals(0, AnswerNormalizer.f1("", "x"));
        assertEquals(0, AnswerNormalizer.f1("x", ""));
        assertEquals(1, AnswerNormalizer.f1("the", ""));     // normalises to nothing, like the empty answer
        assertEquals(1, AnswerNormalizer.exact("", "a"));
    }
}
