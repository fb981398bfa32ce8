package org.bertology4j.tokenizer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * BERT's basic tokenizer (google-research/bert {@code tokenization.py}, class {@code BasicTokenizer}), on code
 * points, keeping the source offsets of every token.
 *
 * <p>Steps, in the reference order: clean text (drop U+0000, U+FFFD, lone surrogates and Cc/Cf controls except tab/newline/CR;
 * map whitespace to space), surround CJK ideographs with spaces, split on whitespace (Python {@code str.split()}),
 * then for each piece lowercase (locale-independent, like Python {@code str.lower()}) and strip accents (NFD, drop
 * category Mn), then split off every punctuation character.
 *
 * <p>Options beyond {@code lowerCase} mirror Hugging Face's {@code BertNormalizer}; with the one-argument
 * constructor they are set as in tokenization.py (accents stripped exactly when lowercasing).
 */
public final class BasicTokenizer {

    private final boolean lowerCase;
    private final boolean stripAccents;
    private final boolean handleChineseChars;
    private final boolean cleanText;

    /** The tokenization.py tokenizer: uncased ({@code lowerCase}) also strips accents. */
    public BasicTokenizer(boolean lowerCase) {
        this(lowerCase, lowerCase, true, true);
    }

    /**
     * @param lowerCase          lowercase every token
     * @param stripAccents       NFD-decompose and drop non-spacing marks (category Mn)
     * @param handleChineseChars make each CJK ideograph its own token
     * @param cleanText          drop NUL, U+FFFD and control characters, map whitespace to spaces
     */
    public BasicTokenizer(boolean lowerCase, boolean stripAccents, boolean handleChineseChars, boolean cleanText) {
        this.lowerCase = lowerCase;
        this.stripAccents = stripAccents;
        this.handleChineseChars = handleChineseChars;
        this.cleanText = cleanText;
    }

    /** Whether text is lower-cased. */
    public boolean lowerCase() { return lowerCase; }

    /** Whether accents are stripped. */
    public boolean stripAccents() { return stripAccents; }

    /** Whether CJK characters become words of their own. */
    public boolean handleChineseChars() { return handleChineseChars; }

    /** Whether control characters are removed and whitespace normalized. */
    public boolean cleanText() { return cleanText; }

    /** The token strings of {@link #tokenize(String)}. */
    public List<String> tokenizeToStrings(String text) {
        List<BasicToken> tokens = tokenize(text);
        List<String> out = new ArrayList<>(tokens.size());
        for (BasicToken t : tokens) {
            out.add(t.text());
        }
        return out;
    }

    /**
     * Splits {@code text} into basic tokens with their offsets in {@code text}.
     *
     * @throws NullPointerException if text is null
     */
    public List<BasicToken> tokenize(String text) {
        Objects.requireNonNull(text, "text");
        List<BasicToken> out = new ArrayList<>();
        CodePoints chunk = new CodePoints();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cleanText && (cp == 0 || cp == 0xFFFD || UnicodeRules.isControl(cp) || Character.isSurrogate((char) cp))) {
                // dropped: not part of any token, but does not split one either ("a\u200Bb" -> "ab"). A lone
                // surrogate (codePointAt pairs valid ones) is not text, like U+FFFD; kept, two of them around a
                // dropped character would fuse into one code point and lose their offsets.
            } else if ((cleanText && UnicodeRules.isWhitespace(cp)) || UnicodeRules.isPythonSpace(cp)) {
                flush(chunk, out);
            } else if (handleChineseChars && UnicodeRules.isChineseChar(cp)) {
                flush(chunk, out);
                chunk.add(cp, i, next);
                flush(chunk, out);
            } else {
                chunk.add(cp, i, next);
            }
            i = next;
        }
        flush(chunk, out);
        return out;
    }

    /** Normalizes one whitespace-delimited chunk, splits it on punctuation and appends the tokens. */
    private void flush(CodePoints chunk, List<BasicToken> out) {
        if (chunk.size == 0) {
            return;
        }
        CodePoints normalized = (lowerCase || stripAccents) ? normalize(chunk) : chunk.copy();
        chunk.clear();
        int runStart = 0;
        for (int k = 0; k < normalized.size; k++) {
            if (UnicodeRules.isPunctuation(normalized.cps[k])) {
                emit(normalized, runStart, k, out);
                emit(normalized, k, k + 1, out);
                runStart = k + 1;
            }
        }
        emit(normalized, runStart, normalized.size, out);
    }

    private static void emit(CodePoints cps, int from, int to, List<BasicToken> out) {
        if (to > from) {
            out.add(new BasicToken(new String(cps.cps, from, to - from),
                    Arrays.copyOfRange(cps.starts, from, to), Arrays.copyOfRange(cps.ends, from, to)));
        }
    }

    /** Lowercase and/or strip accents, as tokenization.py does on a whole whitespace token. */
    private String transform(String s) {
        String t = lowerCase ? s.toLowerCase(Locale.ROOT) : s;
        if (stripAccents) {
            t = Normalizer.normalize(t, Normalizer.Form.NFD);
            StringBuilder sb = new StringBuilder(t.length());
            t.codePoints().filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK)
                    .forEach(sb::appendCodePoint);
            t = sb.toString();
        }
        return t;
    }

    /**
     * The text is transformed as a whole (exactly what the reference computes: Greek final sigma depends on
     * context, NFD reorders marks); offsets come from transforming each code point alone. When both agree on
     * the number of code points (practically always) the per-code-point sources are used position by position;
     * otherwise every output code point gets the span of the whole chunk.
     */
    private CodePoints normalize(CodePoints chunk) {
        String exact = transform(new String(chunk.cps, 0, chunk.size));
        CodePoints mapped = new CodePoints();
        for (int k = 0; k < chunk.size; k++) {
            String piece = transform(new String(Character.toChars(chunk.cps[k])));
            int s = chunk.starts[k];
            int e = chunk.ends[k];
            piece.codePoints().forEach(cp -> mapped.add(cp, s, e));
        }
        int[] exactCps = exact.codePoints().toArray();
        CodePoints result = new CodePoints();
        if (exactCps.length == mapped.size) {
            for (int k = 0; k < exactCps.length; k++) {
                result.add(exactCps[k], mapped.starts[k], mapped.ends[k]);
            }
        } else {
            int s = chunk.starts[0];
            int e = chunk.ends[chunk.size - 1];
            for (int cp : exactCps) {
                result.add(cp, s, e);
            }
        }
        return result;
    }

    /** Growable code point buffer with the source span of each code point. */
    private static final class CodePoints {
        int[] cps = new int[16];
        int[] starts = new int[16];
        int[] ends = new int[16];
        int size;

        void add(int cp, int start, int end) {
            if (size == cps.length) {
                cps = Arrays.copyOf(cps, size * 2);
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            cps[size] = cp;
            starts[size] = start;
            ends[size] = end;
            size++;
        }

        CodePoints copy() {
            CodePoints c = new CodePoints();
            c.cps = Arrays.copyOf(cps, Math.max(size, 1));
            c.starts = Arrays.copyOf(starts, Math.max(size, 1));
            c.ends = Arrays.copyOf(ends, Math.max(size, 1));
            c.size = size;
            return c;
        }

        void clear() {
            size = 0;
        }
    }
}
