package org.bertology4j.analysis.qa.train;

import org.bertology4j.core.train.TrainingExample;

/**
 * One model input of a question about a context: {@code [CLS] question [SEP] window of the context [SEP]}, a window
 * of a context too long for one input, as the BERT reference's {@code run_squad.py} cuts them (a fixed stride).
 *
 * @param questionId    the question's id
 * @param index         the window's number among the question's windows (0-based)
 * @param ids           vocabulary ids
 * @param segmentIds    0 for [CLS], the question and its [SEP]; 1 for the context window and the last [SEP]
 * @param pieces        the pieces' strings
 * @param contextStart  the position of the window's first context piece
 * @param charStarts    per position, the Java (UTF-16) index in the context where its piece starts; −1 outside the
 *                      context window
 * @param charEnds      per position, where its piece ends (exclusive); −1 outside the context window
 * @param maxContext    per position, whether this window holds the piece with the most context around it of all the
 *                      windows (the reference's {@code token_is_max_context}; only such pieces may start an answer)
 * @param spanStart     the training target's first piece: the answer's, or 0 ([CLS]) when the question has no answer
 *                      or this window does not hold all of it
 * @param spanEnd       the training target's last piece (inclusive)
 */
public record QaWindow(String questionId, int index, int[] ids, int[] segmentIds, String[] pieces, int contextStart,
                       int[] charStarts, int[] charEnds, boolean[] maxContext, int spanStart, int spanEnd) {

    /** Number of positions. */
    public int length() { return ids.length; }

    /** Whether position {@code p} holds a piece of the context. */
    public boolean inContext(int p) { return p >= 0 && p < ids.length && charStarts[p] >= 0; }

    /** Whether the training target is an answer inside this window (not [CLS]). */
    public boolean holdsAnswer() { return spanStart > 0; }

    /** The window as a span training example. */
    public TrainingExample trainingExample() { return TrainingExample.span(ids, segmentIds, spanStart, spanEnd); }
}
