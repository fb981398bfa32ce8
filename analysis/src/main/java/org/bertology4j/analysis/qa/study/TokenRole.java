package org.bertology4j.analysis.qa.study;

import org.bertology4j.analysis.qa.train.QaWindow;

import java.util.Locale;
import java.util.Set;

/**
 * What a position of a question-answering input is, for the per-layer shares of attribution: a piece of the question
 * (a keyword or another question piece), of the predicted answer, of the rest of the context, or a special token.
 */
public enum TokenRole {
    /** [CLS]. */
    CLS,
    /** A question piece of a content word (not a wh-word, auxiliary, article, preposition or punctuation). */
    QUESTION_KEYWORD,
    /** Another question piece. */
    QUESTION_OTHER,
    /** [SEP] (both). */
    SEP,
    /** A piece of the predicted answer span. */
    ANSWER,
    /** Any other context piece. */
    CONTEXT;

    /** The aggregate groups reported: question (keywords and others), answer, [SEP], [CLS], other context. */
    public enum Group { QUESTION, ANSWER, SEP, CLS, CONTEXT }

    public Group group() {
        return switch (this) {
            case CLS -> Group.CLS;
            case QUESTION_KEYWORD, QUESTION_OTHER -> Group.QUESTION;
            case SEP -> Group.SEP;
            case ANSWER -> Group.ANSWER;
            case CONTEXT -> Group.CONTEXT;
        };
    }

    /** Function words of questions that are not keywords (lower case). */
    static final Set<String> FUNCTION_WORDS = Set.of("what", "who", "whom", "whose", "when", "where", "which", "why", "how",
            "many", "much", "do", "does", "did", "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had",
            "will", "would", "can", "could", "shall", "should", "may", "might", "must", "not", "n't", "the", "a", "an", "of",
            "in", "on", "at", "to", "for", "by", "with", "from", "into", "about", "as", "and", "or", "but", "that", "this",
            "these", "those", "it", "its", "their", "his", "her", "there", "s", "'s", "so", "than", "then", "also", "up");

    /**
     * The role of each position of {@code window} when the model's answer is the pieces {@code answerStart ..
     * answerEnd} (inclusive; −1 for none). A question piece is a keyword when its word (the run of pieces up to the
     * next piece not starting with {@code ##}) is not a function word and has a letter or digit.
     */
    public static TokenRole[] of(QaWindow window, int answerStart, int answerEnd) {
        int n = window.length(), ctx = window.contextStart();
        TokenRole[] roles = new TokenRole[n];
        String[] pieces = window.pieces();
        for (int p = 0; p < n; p++) {
            if (p == 0) roles[p] = CLS;
            else if (p == ctx - 1 || p == n - 1) roles[p] = SEP;
            else if (p < ctx - 1) roles[p] = QUESTION_OTHER;
            else roles[p] = answerStart >= 0 && p >= answerStart && p <= answerEnd ? ANSWER : CONTEXT;
        }
        for (int p = 1; p < ctx - 1; ) {
            int q = p + 1;
            while (q < ctx - 1 && pieces[q].startsWith("##")) q++;
            StringBuilder word = new StringBuilder(pieces[p]);
            for (int k = p + 1; k < q; k++) word.append(pieces[k].substring(2));
            String w = word.toString().toLowerCase(Locale.ROOT);
            if (!FUNCTION_WORDS.contains(w) && w.chars().anyMatch(Character::isLetterOrDigit)) {
                for (int k = p; k < q; k++) roles[k] = QUESTION_KEYWORD;
            }
            p = q;
        }
        return roles;
    }
}
