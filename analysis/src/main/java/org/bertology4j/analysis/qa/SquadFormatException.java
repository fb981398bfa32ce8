package org.bertology4j.analysis.qa;

/**
 * Malformed SQuAD JSON: the message names the file and the place (the question id where there is one, else the
 * article and paragraph, or the JSON line and column) and what is wrong.
 */
public class SquadFormatException extends RuntimeException {
    private final String file;
    private final String questionId;

    /**
     * @param file       the file (or a label for in-memory input)
     * @param questionId the offending question's id, or null when the problem is above the questions
     * @param message    the whole message (place and detail)
     */
    SquadFormatException(String file, String questionId, String message) {
        super(message);
        this.file = file;
        this.questionId = questionId;
    }

    /** The file's name. */
    public String file() { return file; }

    /** The offending question's id, or null. */
    public String questionId() { return questionId; }
}
