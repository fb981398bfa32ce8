package org.bertology4j.analysis.qa;

/**
 * One piece of a question: an original word of the sentence ({@code word >= 0}; spaced as in the text) with its
 * text (the form, or what replaces it: "buy" for "bought", a name for "he"), or inserted text ({@code word == -1}).
 */
record Piece(int word, String text) {
    static Piece inserted(String text) { return new Piece(-1, text); }
}
