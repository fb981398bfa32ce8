package org.bertology4j.analysis.qa;

/**
 * One answer span of a SQuAD question.
 *
 * @param text        the answer text, as it stands in the context
 * @param answerStart where it starts in the context, counted in Unicode code points as SQuAD's JSON does (a Python
 *                    string index); {@link SquadParagraph#charIndex(SquadAnswer)} gives the Java (UTF-16) index
 */
public record SquadAnswer(String text, int answerStart) {}
