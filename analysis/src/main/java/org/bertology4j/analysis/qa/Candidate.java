package org.bertology4j.analysis.qa;

/**
 * One argument the generator tried: either a question with its answer, or the reason it was skipped.
 *
 * @param rule        the rule that tried it
 * @param sentence    0-based index of the sentence in its document
 * @param word        0-based index of the argument's word in the sentence (for {@link QuestionRule#NUMBER}, the number)
 * @param wh          the question word, null when skipped
 * @param question    the question, null when skipped
 * @param answer         the answer text, equal to the text of sentence {@code answerSentence} from
 *                       {@code answerStart} to {@code answerEnd}; null when skipped
 * @param answerSentence the sentence holding the answer (this one, or for a pronoun another sentence of the
 *                       paragraph with a mention of its entity), -1 when skipped
 * @param answerStart    the answer's start in that sentence's text (UTF-16 index), -1 when skipped
 * @param answerEnd      the answer's end (exclusive) in that sentence's text, -1 when skipped
 * @param skipReason  why no question was made (one of the generator's fixed reasons), null when generated
 */
public record Candidate(QuestionRule rule, int sentence, int word, WhWord wh, String question, String answer,
                        int answerSentence, int answerStart, int answerEnd, String skipReason) {

    static Candidate skipped(QuestionRule rule, int sentence, int word, String reason) {
        return new Candidate(rule, sentence, word, null, null, null, -1, -1, -1, reason);
    }

    /** Whether a question was made. */
    public boolean generated() { return question != null; }
}
