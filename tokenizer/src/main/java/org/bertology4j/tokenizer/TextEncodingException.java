package org.bertology4j.tokenizer;

import java.io.IOException;

/** Text input that is not UTF-8 (or not text at all); the message names the source and the 1-based line. */
public class TextEncodingException extends IOException {
    private final String source;
    private final long line;
    private final String detail;

    /**
     * @param source the file or input name
     * @param line   1-based line number
     * @param detail what is wrong
     */
    public TextEncodingException(String source, long line, String detail) {
        super(source + ":" + line + ": " + detail);
        this.source = source;
        this.line = line;
        this.detail = detail;
    }

    /** The file or input name. */
    public String source() { return source; }

    /** The 1-based line number. */
    public long line() { return line; }

    /** What is wrong, without the source and line. */
    public String detail() { return detail; }
}
