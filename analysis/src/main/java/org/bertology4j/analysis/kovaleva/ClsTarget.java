package org.bertology4j.analysis.kovaleva;

import org.bertology4j.analysis.conllu.Word;

/**
 * What a token attended by [CLS] is, for the [CLS] analysis: one category per token (a partition), the special
 * tokens first, then by UPOS.
 */
public enum ClsTarget {
    /** [CLS] itself. */
    CLS,
    /** Any [SEP]. */
    SEP,
    /** UPOS PUNCT (the paper: on some tasks "the greatest attention weights correspond to the punctuation tokens"). */
    PUNCTUATION,
    /** UPOS NOUN or PROPN. */
    NOUN,
    /** UPOS PRON. */
    PRONOUN,
    /** UPOS VERB. */
    VERB,
    /** Any other word. */
    OTHER;

    /** The category of piece {@code p} of an example (special: [CLS]/[SEP] layout). */
    static ClsTarget of(int p, boolean[] special, ExampleWords words) {
        if (special[p]) return p == 0 ? CLS : SEP;
        Word w = words.word(p);
        if (w == null) return OTHER;
        return switch (w.upos()) {
            case "PUNCT" -> PUNCTUATION;
            case "NOUN", "PROPN" -> NOUN;
            case "PRON" -> PRONOUN;
            case "VERB" -> VERB;
            default -> OTHER;
        };
    }
}
