package org.bertology4j.analysis.qa;

/**
 * The rules that turn one argument of a clause into a question; each candidate argument is tried by exactly one rule.
 * The id appears in question ids and in the statistics.
 */
public enum QuestionRule {
    /** A nominal subject ({@code nsubj}, {@code nsubj:pass}): "Who founded the company?". */
    SUBJECT("subj"),
    /** A direct object ({@code obj}): "What did the company buy?". */
    OBJECT("obj"),
    /** An oblique ({@code obl}, {@code obl:*} but the agent) with a temporal or locative reading: "When was the bridge built?". */
    OBLIQUE("obl"),
    /** The agent of a passive ({@code obl:agent}): "Who was the bridge built by?". */
    AGENT("agent"),
    /** A cardinal number modifying a plural argument ({@code nummod}): "How many bridges were built?". */
    NUMBER("nummod");

    private final String id;

    QuestionRule(String id) { this.id = id; }

    /** The short id used in question ids and statistics. */
    public String id() { return id; }
}
