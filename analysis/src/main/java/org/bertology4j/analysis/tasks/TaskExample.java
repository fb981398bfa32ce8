package org.bertology4j.analysis.tasks;

import org.bertology4j.analysis.conllu.Sentence;

import java.util.List;

/**
 * One example of a sentence or sentence-pair task, before tokenization.
 *
 * @param wordsA  first segment as words (pre-split, e.g. CoNLL-U forms), or null to tokenize {@code textA}
 * @param textA   first segment as text
 * @param wordsB  second segment words (pairs), or null
 * @param textB   second segment text (pairs), or null for single-sentence tasks
 * @param label   gold label name (classification), or null for regression
 * @param target  gold score (regression), NaN otherwise
 * @param sourceA the GUM sentence of segment A when the task is built from GUM (for token classes), else null
 * @param sourceB the GUM sentence of segment B, else null
 */
public record TaskExample(List<String> wordsA, String textA, List<String> wordsB, String textB, String label,
                          double target, Sentence sourceA, Sentence sourceB) {

    public boolean isPair() { return textB != null || wordsB != null; }

    /** A single-sentence example from a GUM sentence. */
    public static TaskExample ofSentence(Sentence s, String label) {
        return new TaskExample(s.forms(), s.text(), null, null, label, Double.NaN, s, null);
    }

    /** A sentence-pair example from two GUM sentences. */
    public static TaskExample ofPair(Sentence a, Sentence b, String label) {
        return new TaskExample(a.forms(), a.text(), b.forms(), b.text(), label, Double.NaN, a, b);
    }

    /** An example from raw text (GLUE TSV). */
    public static TaskExample ofText(String a, String b, String label, double target) {
        return new TaskExample(null, a, null, b, label, target, null, null);
    }
}
