package org.bertology4j.analysis.qa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SQuAD's answer normalisation, as in its official evaluation script ({@code normalize_answer} of evaluate-v2.0.py,
 * the same in v1.1): lower case, remove ASCII punctuation ({@code string.punctuation}), remove the words a, an and
 * the ({@code \b(a|an|the)\b}), and collapse white space. Python's character classes are reproduced rather than
 * Java's: a word character for {@code \b} is a Unicode letter, a digit or number ({@code str.isalnum}) or the
 * underscore; white space is {@code str.isspace} (no-break spaces included, which Java's
 * {@link Character#isWhitespace} leaves out). Lower-casing is Unicode's full mapping (Java's {@code toLowerCase} with
 * the root locale, as Python's {@code str.lower}).
 */
public final class AnswerNormalizer {
    /** Python's {@code string.punctuation}. */
    static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private AnswerNormalizer() {}

    /** The normalised answer: the tokens of {@link #tokens} joined by single spaces. */
    public static String normalize(String s) {
        return String.join(" ", tokens(s));
    }

    /** The normalised answer's tokens ({@code get_tokens}: empty for an empty answer). */
    public static List<String> tokens(String s) {
        if (s == null || s.isEmpty()) return List.of();
        String lower = s.toLowerCase(Locale.ROOT);
        StringBuilder noPunct = new StringBuilder(lower.length());
        lower.codePoints().filter(c -> c >= 128 || PUNCTUATION.indexOf(c) < 0).forEach(noPunct::appendCodePoint);
        String noArticles = removeArticles(noPunct.toString());
        List<String> out = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        noArticles.codePoints().forEach(c -> {
            if (pythonSpace(c)) {
                if (token.length() > 0) out.add(token.toString());
                token.setLength(0);
            } else {
                token.appendCodePoint(c);
            }
        });
        if (token.length() > 0) out.add(token.toString());
        return out;
    }

    /** Exact match: 1 when the normalised answers are equal ({@code compute_exact}). */
    public static int exact(String gold, String predicted) {
        return normalize(gold).equals(normalize(predicted)) ? 1 : 0;
    }

    /**
     * Token F1 ({@code compute_f1}): the harmonic mean of precision and recall over the tokens both share (with
     * multiplicity); when either side has no tokens, 1 if both have none and 0 otherwise.
     */
    public static double f1(String gold, String predicted) {
        List<String> g = tokens(gold), p = tokens(predicted);
        if (g.isEmpty() || p.isEmpty()) return g.equals(p) ? 1 : 0;
        List<String> remaining = new ArrayList<>(g);
        int same = 0;
        for (String t : p) if (remaining.remove(t)) same++;
        if (same == 0) return 0;
        double precision = (double) same / p.size(), recall = (double) same / g.size();
        return 2 * precision * recall / (precision + recall);
    }

    // re.sub(r'\b(a|an|the)\b', ' ', text) with Python's Unicode word characters
    private static String removeArticles(String text) {
        int[] cps = text.codePoints().toArray();
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < cps.length) {
            int len = articleAt(cps, i);
            if (len > 0) {
                out.append(' ');
                i += len;
            } else {
                out.appendCodePoint(cps[i++]);
            }
        }
        return out.toString();
    }

    // length of "a", "an" or "the" at i bounded by non-word characters on both sides (longest first), else 0
    private static int articleAt(int[] cps, int i) {
        if (i > 0 && wordChar(cps[i - 1])) return 0;
        for (String article : new String[]{"the", "an", "a"}) {
            int n = article.length();
            if (i + n > cps.length) continue;
            boolean match = true;
            for (int k = 0; k < n && match; k++) match = cps[i + k] == article.charAt(k);
            if (match && (i + n == cps.length || !wordChar(cps[i + n]))) return n;
        }
        return 0;
    }

    /** Python's {@code \w} in Unicode mode: {@code str.isalnum()} or the underscore. */
    static boolean wordChar(int c) {
        if (c == '_' || Character.isLetter(c)) return true;
        int type = Character.getType(c);
        if (type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER) return true;
        return Character.isDigit(c);
    }

    /** Python's {@code str.isspace()}: Java's white space plus the no-break spaces and NEL. */
    static boolean pythonSpace(int c) {
        return Character.isWhitespace(c) || c == 0x00A0 || c == 0x2007 || c == 0x202F || c == 0x0085
                || Character.getType(c) == Character.SPACE_SEPARATOR;
    }
}
