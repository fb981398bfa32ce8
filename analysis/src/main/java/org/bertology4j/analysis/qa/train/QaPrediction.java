package org.bertology4j.analysis.qa.train;

import java.util.List;

/**
 * The decoded answer to one question.
 *
 * @param questionId  the question's id
 * @param text        the predicted answer, "" for "no answer" (SQuAD 2.0)
 * @param best        the best span (the answer unless the null score won), or null when no span was valid
 * @param nullScore   the smallest [CLS] score start + end over the windows (the reference's {@code score_null})
 * @param scoreDiff   nullScore − the best span's score (the reference's {@code null_odds}); "no answer" when it exceeds
 *                    the threshold; +∞ when no span was valid
 * @param nBest       the n best distinct answers by score, "" (no answer) among them, with probabilities (softmax
 *                    over their scores)
 */
public record QaPrediction(String questionId, String text, Span best, double nullScore, double scoreDiff, List<Span> nBest) {
    public QaPrediction {
        nBest = List.copyOf(nBest);
    }

    /** Whether the model answers (rather than predicting no answer). */
    public boolean answered() { return !text.isEmpty(); }

    /**
     * A candidate answer.
     *
     * @param text        the context's characters from {@code charStart} to {@code charEnd}; "" for no answer
     * @param charStart   Java (UTF-16) index of its first character in the context; −1 for no answer
     * @param charEnd     index after its last character; −1 for no answer
     * @param window      the window it was read from
     * @param start       its first piece's position in that window (0 for no answer)
     * @param end         its last piece's position (inclusive)
     * @param startLogit  the start logit at {@code start}
     * @param endLogit    the end logit at {@code end}
     * @param probability softmax of the n-best scores (NaN outside an n-best list)
     */
    public record Span(String text, int charStart, int charEnd, int window, int start, int end, double startLogit,
                       double endLogit, double probability) {
        /** start logit + end logit. */
        public double score() { return startLogit + endLogit; }

        Span withProbability(double p) { return new Span(text, charStart, charEnd, window, start, end, startLogit, endLogit, p); }
    }
}
