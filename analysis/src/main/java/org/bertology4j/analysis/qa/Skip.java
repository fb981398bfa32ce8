package org.bertology4j.analysis.qa;

/**
 * Why a candidate gave no question: thrown where a rule finds it cannot render the argument well, caught per
 * candidate. The reasons are fixed strings (the keys of the statistics, listed in docs/qa.md).
 */
final class Skip extends RuntimeException {
    static final String NON_DECLARATIVE = "sentence not declarative";
    static final String UNALIGNED = "sentence text does not spell its words";
    static final String EMBEDDED = "clause embedded as ";
    static final String NON_VERBAL = "predicate neither verb nor copular";
    static final String CONDITIONAL = "conditional or embedded-question clause";
    static final String IMPERATIVE = "imperative clause";
    static final String EXPLETIVE = "expletive subject";
    static final String CLAUSAL_SUBJECT = "clausal or outer subject";
    static final String INTERROGATIVE = "interrogative or relative clause";
    static final String NO_SUBJECT = "clause without subject";
    static final String NON_FINITE = "non-finite clause";
    static final String INVERTED = "inverted clause";
    static final String NEGATION_WITHOUT_AUX = "negation without auxiliary";
    static final String FIRST_SECOND_PERSON = "first or second person subject";
    static final String FIRST_SECOND_PERSON_WORD = "first or second person pronoun in the question";
    static final String DEFINITION_LIKE = "copular clause without a complement to ask with";
    static final String UNRESOLVED_PRONOUN = "pronoun in the question without a fuller mention";
    static final String PRONOUN_ANSWER = "pronoun answer";
    static final String PRONOUN_ANSWER_UNRESOLVED = "pronoun answer without a mention in the paragraph";
    static final String NUMERAL_ANSWER = "numeral answer";
    static final String NEGATIVE_ANSWER = "negative answer (no, none)";
    static final String IDIOM = "bare noun of a light-verb idiom";
    static final String UNKNOWN_PROPER_NOUN = "proper noun of unknown entity type";
    static final String NOT_TIME_OR_PLACE = "oblique neither temporal, locative nor with a strandable preposition";
    static final String TIME_PREPOSITION = "temporal oblique with an unsupported preposition";
    static final String PLACE_PREPOSITION = "locative oblique with an unsupported preposition";
    static final String DEICTIC_TIME = "deictic time expression";
    static final String DURATION = "duration or frequency";
    static final String AGENT_WITHOUT_BY = "agent without 'by'";
    static final String YEAR_NUMBER = "year-like number";
    static final String NUMBER_HEAD = "number on a singular or non-noun head";
    static final String NUMBER_NOT_ARGUMENT = "counted noun not an argument of the clause";
    static final String NUMBER_POSSESSED = "counted noun with a possessor";
    static final String NUMBER_INSIDE_PHRASE = "counted noun after words of its phrase";
    static final String COUNTED_PHRASE = "counted phrase too long or split";
    static final String NOT_CONTIGUOUS = "answer not contiguous";
    static final String ANSWER_TOO_LONG = "answer too long";
    static final String ANSWER_IN_QUESTION = "answer appears in the question";
    static final String QUESTION_TOO_LONG = "question too long";
    static final String LONG_SUBJECT = "subject too long for an inverted question";
    static final String FRONTED_COMPLEMENT = "complement fronted before the subject";
    static final String QUESTION_TOO_SHORT = "question too short";
    static final String UNBALANCED = "unbalanced brackets or quotes";
    /** Given by {@link QaDataBuilder}: the paragraph already has the question. */
    static final String DUPLICATE = "duplicate question in the paragraph";

    Skip(String reason) { super(reason, null, false, false); }

    /** The reason. */
    String reason() { return getMessage(); }
}
