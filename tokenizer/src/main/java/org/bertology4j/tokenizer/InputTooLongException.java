package org.bertology4j.tokenizer;

/** An input does not fit the length limit and the truncation strategy cannot (or may not) shorten it. */
public class InputTooLongException extends RuntimeException {

    private final int pieceCount;
    private final int limit;

    /**
     * @param pieceCount pieces including [CLS]/[SEP]
     * @param limit      the maximum length
     * @param detail     why it could not be truncated
     */
    public InputTooLongException(int pieceCount, int limit, String detail) {
        super("input has " + pieceCount + " pieces including [CLS]/[SEP], the limit is " + limit + ": " + detail);
        this.pieceCount = pieceCount;
        this.limit = limit;
    }

    /** Pieces including [CLS]/[SEP], before any truncation. */
    public int pieceCount() { return pieceCount; }

    /** The length limit that was exceeded. */
    public int limit() { return limit; }
}
