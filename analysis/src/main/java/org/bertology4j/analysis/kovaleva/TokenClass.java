package org.bertology4j.analysis.kovaleva;

import org.bertology4j.analysis.conllu.Word;

/** Token classes of Kovaleva et al.'s attention-to-token analysis, from CoNLL-U annotation. */
public enum TokenClass {
    /** UPOS NOUN or PROPN. */
    NOUN,
    /** UPOS VERB. */
    VERB,
    /** UPOS PRON. */
    PRONOUN,
    /** Relation nsubj or csubj (any subtype, e.g. nsubj:pass). */
    SUBJECT,
    /** Relation obj or iobj. */
    OBJECT,
    /** FEATS Polarity=Neg (not, n't, no, never...). */
    NEGATION,
    /** The [CLS] token. */
    CLS,
    /** [SEP] tokens (all of them). */
    SEP;

    /** Whether a word belongs to this (word-based) class; false for CLS/SEP. */
    public boolean matches(Word w) {
        return switch (this) {
            case NOUN -> w.upos().equals("NOUN") || w.upos().equals("PROPN");
            case VERB -> w.upos().equals("VERB");
            case PRONOUN -> w.upos().equals("PRON");
            case SUBJECT -> w.baseDeprel().equals("nsubj") || w.baseDeprel().equals("csubj");
            case OBJECT -> w.baseDeprel().equals("obj") || w.baseDeprel().equals("iobj");
            case NEGATION -> "Neg".equals(w.feature("Polarity"));
            case CLS, SEP -> false;
        };
    }
}
