package org.bertology4j.analysis.kovaleva;

import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.analysis.conllu.Word;
import org.bertology4j.analysis.flow.CorefPairs;

import java.util.ArrayList;
import java.util.List;

/**
 * The word-to-word links of Kovaleva et al.'s token-to-token analysis ("the verb-subject relation and the
 * noun-pronoun relation", section "Token-to-token attention"), read from GUM's trees and coreference, as (from, to)
 * pairs of 0-based word indices of one sentence: attention goes from the first word's pieces to the second's.
 */
public enum TokenRelation {
    /** From a VERB to its nominal subject (a dependent with relation nsubj or nsubj:pass). */
    VERB_TO_SUBJECT,
    /** The same links, from the subject to its verb. */
    SUBJECT_TO_VERB,
    /**
     * From a pronoun to an earlier noun of the same sentence that heads a mention of the same entity (GUM's
     * coreference; the pairs of {@link CorefPairs}).
     */
    PRONOUN_TO_NOUN,
    /** The same links, from the noun to the later pronoun. */
    NOUN_TO_PRONOUN,
    /** Control: from a pronoun to an earlier noun that heads mentions of other entities only. */
    PRONOUN_TO_OTHER_NOUN;

    /** The links of this relation in {@code s}: {from, to} word indices. */
    public List<int[]> links(Sentence s) {
        List<int[]> out = new ArrayList<>();
        switch (this) {
            case VERB_TO_SUBJECT, SUBJECT_TO_VERB -> {
                for (int i = 0; i < s.size(); i++) {
                    Word w = s.words().get(i);
                    if (!w.baseDeprel().equals("nsubj") || w.head() < 1) continue;
                    int verb = w.head() - 1;
                    if (!s.words().get(verb).upos().equals("VERB")) continue;
                    out.add(this == VERB_TO_SUBJECT ? new int[]{verb, i} : new int[]{i, verb});
                }
            }
            case PRONOUN_TO_NOUN, NOUN_TO_PRONOUN, PRONOUN_TO_OTHER_NOUN -> {
                for (CorefPairs.Pair p : CorefPairs.of(s)) {
                    if (p.coreferent() == (this == PRONOUN_TO_OTHER_NOUN)) continue;
                    out.add(this == NOUN_TO_PRONOUN ? new int[]{p.noun(), p.pronoun()} : new int[]{p.pronoun(), p.noun()});
                }
            }
        }
        return out;
    }
}
