package org.bertology4j.tokenizer;

/** What to do when an input has more pieces (including [CLS]/[SEP]) than the length limit. */
public enum Truncation {
    /** Never cut: throw {@link InputTooLongException}. */
    NONE,
    /** Repeatedly drop the last piece of the longer segment (the second on ties), as BERT's _truncate_seq_pair. */
    LONGEST_FIRST,
    /** Drop pieces from the end of the first segment only (the only segment of a single input). */
    ONLY_FIRST,
    /** Drop pieces from the end of the second segment only (pairs only). */
    ONLY_SECOND
}
