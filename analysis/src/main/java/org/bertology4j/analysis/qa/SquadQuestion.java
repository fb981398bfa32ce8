package org.bertology4j.analysis.qa;

import java.util.List;

/**
 * One SQuAD question.
 *
 * @param id               the question id, unique in its data set
 * @param question         the question text
 * @param answers          the gold answers (SQuAD dev sets have several per question; empty when unanswerable)
 * @param impossible       SQuAD 2.0's {@code is_impossible}: the paragraph does not answer the question
 * @param plausibleAnswers SQuAD 2.0's {@code plausible_answers} of an unanswerable question (spans of the paragraph
 *                         that look like an answer); empty when absent
 */
public record SquadQuestion(String id, String question, List<SquadAnswer> answers, boolean impossible,
                            List<SquadAnswer> plausibleAnswers) {
    public SquadQuestion {
        answers = List.copyOf(answers);
        plausibleAnswers = List.copyOf(plausibleAnswers);
    }

    /** Whether the question has a gold answer (the evaluation's HasAns: a non-empty answer list). */
    public boolean hasAnswer() { return !answers.isEmpty(); }
}
