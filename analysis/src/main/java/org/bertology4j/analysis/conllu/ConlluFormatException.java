package org.bertology4j.analysis.conllu;

/** Malformed CoNLL-U input; the message names the file and the 1-based line number. */
public class ConlluFormatException extends RuntimeException {
    private final String file;
    private final long line;

    /**
     * @param file   source name (file name or a label for in-memory input)
     * @param line   1-based line number of the offending line
     * @param detail what is wrong
     */
    public ConlluFormatException(String file, long line, String detail) {
        super(file + ":" + line + ": " + detail);
        this.file = file;
        this.line = line;
    }

    /** Source name. */
    public String file() { return file; }

    /** 1-based line number. */
    public long line() { return line; }
}
