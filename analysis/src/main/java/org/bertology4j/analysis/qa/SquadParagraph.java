package org.bertology4j.analysis.qa;

import java.util.List;

/**
 * One SQuAD paragraph: a context and the questions asked about it.
 *
 * @param context   the paragraph text
 * @param questions its questions ({@code qas})
 */
public record SquadParagraph(String context, List<SquadQuestion> questions) {
    public SquadParagraph {
        questions = List.copyOf(questions);
    }

    /** The answer's start as a Java (UTF-16) index into {@link #context()}. */
    public int charIndex(SquadAnswer answer) {
        return context.offsetByCodePoints(0, answer.answerStart());
    }

    /** The code-point offset (SQuAD's {@code answer_start}) of a Java (UTF-16) index into the context. */
    public static int codePointOffset(String context, int charIndex) {
        return context.codePointCount(0, charIndex);
    }
}
