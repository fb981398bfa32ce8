package org.bertology4j.analysis.qa;

/** The question words the generator asks with. */
public enum WhWord {
    WHO("who"), WHAT("what"), WHEN("when"), WHERE("where"), HOW_MANY("how many");

    private final String text;

    WhWord(String text) { this.text = text; }

    /** The word(s) in lower case. */
    public String text() { return text; }
}
