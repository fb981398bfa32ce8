package org.bertology4j.tokenizer;

import java.util.Objects;

/**
 * One token of the {@link BasicTokenizer} (a "word" in BERT's sense) and where it came from.
 *
 * <p>Offsets are UTF-16 indices into the original text, so {@code text.substring(start(), end())} is the source
 * of the token. Because normalization (lowercasing, accent stripping) can change length, the source span of each
 * code point of {@link #text()} is kept too; {@link #sourceStart(int)} / {@link #sourceEnd(int)} use it to locate
 * WordPiece pieces.
 */
public final class BasicToken {

    private final String text;
    private final int[] cpStarts;
    private final int[] cpEnds;

    BasicToken(String text, int[] cpStarts, int[] cpEnds) {
        this.text = Objects.requireNonNull(text);
        if (cpStarts.length != cpEnds.length || cpStarts.length != text.codePointCount(0, text.length())
                || cpStarts.length == 0) {
            throw new IllegalArgumentException("offset arrays do not match token '" + text + "'");
        }
        this.cpStarts = cpStarts;
        this.cpEnds = cpEnds;
    }

    /** The normalized token text (lowercased / accent-stripped when the tokenizer does so). */
    public String text() {
        return text;
    }

    /** Start (inclusive, UTF-16 index) of the token in the original text. */
    public int start() {
        return sourceStart(0);
    }

    /** End (exclusive, UTF-16 index) of the token in the original text. */
    public int end() {
        return sourceEnd(cpStarts.length);
    }

    /** Number of code points of {@link #text()}. */
    public int codePointCount() {
        return cpStarts.length;
    }

    /** Source start of the code points [{@code fromCp}, ...) of {@link #text()}. */
    public int sourceStart(int fromCp) {
        return cpStarts[fromCp];
    }

    /** Source end of the code points [..., {@code toCp}) of {@link #text()}, {@code toCp} exclusive. */
    public int sourceEnd(int toCp) {
        return cpEnds[toCp - 1];
    }

    /** A copy with all offsets moved by {@code delta} (used when a word is tokenized out of a longer text). */
    BasicToken shifted(int delta) {
        int[] s = cpStarts.clone();
        int[] e = cpEnds.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] += delta;
            e[i] += delta;
        }
        return new BasicToken(text, s, e);
    }

    @Override
    public String toString() {
        return text + "[" + start() + "," + end() + ")";
    }
}
