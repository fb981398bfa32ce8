package org.bertology4j.tokenizer;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lines of a UTF-8 text, whatever the platform's default charset: every line is decoded strictly, so a byte
 * that is not UTF-8 (a Latin-1 {@code é}, a binary file) is a {@link TextEncodingException} naming the source and
 * the line, never a replacement character. A leading byte order mark is dropped; lines end at {@code \n} and a
 * {@code \r} before it is removed (other {@code \r} stay in the line). A NUL byte is an error (binary input), and so
 * is a line longer than {@link #MAX_LINE_BYTES} (a file without line breaks is not line-oriented text).
 */
public final class Utf8Lines implements Closeable {
    /** Longest line accepted, in bytes. */
    public static final int MAX_LINE_BYTES = 1 << 24;

    private final InputStream in;
    private final String source;
    private final byte[] buf = new byte[1 << 16];
    private int pos, limit;
    private byte[] line = new byte[256];
    private long lineNo;
    private boolean eof;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    /**
     * @param in        the bytes (closed by {@link #close()})
     * @param source    name used in error messages (e.g. the file name)
     * @param firstLine line number of the first line of {@code in} (1 for a whole file; a slice's own line otherwise)
     */
    public Utf8Lines(InputStream in, String source, long firstLine) {
        this.in = in;
        this.source = source;
        this.lineNo = firstLine - 1;
    }

    /** Opens a file; messages name it as given. */
    public static Utf8Lines open(Path file) throws IOException {
        return new Utf8Lines(Files.newInputStream(file), file.toString(), 1);
    }

    /** The source name given at construction. */
    public String source() { return source; }

    /** Line number of the line last returned by {@link #next()} (1-based). */
    public long lineNumber() { return lineNo; }

    /**
     * The next line without its line end, or null at the end of the input.
     *
     * @throws TextEncodingException when the line is not valid UTF-8, holds a NUL byte or is too long
     * @throws IOException           when reading fails
     */
    public String next() throws IOException {
        if (eof) return null;
        int n = 0;
        boolean ascii = true, sawAny = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buf, 0, buf.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    eof = true;
                    if (!sawAny) return null;
                    break;
                }
            }
            sawAny = true;
            byte b = buf[pos++];
            if (b == '\n') break;
            if (b == 0) throw error(lineNo + 1, "NUL byte at byte " + (n + 1) + " of the line: binary data, not text");
            if (b < 0) ascii = false;
            if (n == line.length) {
                if (n >= MAX_LINE_BYTES) {
                    throw error(lineNo + 1, "line longer than " + MAX_LINE_BYTES + " bytes: not line-oriented text");
                }
                line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE_BYTES + 1, 2 * n));
            }
            line[n++] = b;
        }
        lineNo++;
        if (n > 0 && line[n - 1] == '\r') n--;
        int start = 0;
        if (lineNo == 1 && n >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) start = 3;
        if (ascii) return new String(line, start, n - start, StandardCharsets.ISO_8859_1);
        return decode(start, n);
    }

    private String decode(int start, int end) throws TextEncodingException {
        ByteBuffer bytes = ByteBuffer.wrap(line, start, end - start);
        CharBuffer chars = CharBuffer.allocate(end - start);
        decoder.reset();
        CoderResult r = decoder.decode(bytes, chars, true);
        if (r.isUnderflow()) r = decoder.flush(chars);
        if (r.isError()) {
            int at = bytes.position();
            StringBuilder hex = new StringBuilder();
            for (int i = at; i < Math.min(end, at + Math.max(1, r.length())); i++) {
                hex.append(hex.length() == 0 ? "" : " ").append(String.format("0x%02X", line[i] & 0xff));
            }
            throw error(lineNo, "not valid UTF-8 (byte " + hex + " at byte " + (at - start + 1) + " of the line); the input "
                    + "must be UTF-8 (convert it, e.g. iconv -f LATIN1 -t UTF-8)");
        }
        chars.flip();
        return chars.toString();
    }

    private TextEncodingException error(long line, String detail) {
        return new TextEncodingException(source, line, detail);
    }

    @Override
    public void close() throws IOException { in.close(); }
}
