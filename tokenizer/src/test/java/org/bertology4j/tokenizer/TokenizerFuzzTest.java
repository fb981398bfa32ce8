package org.bertology4j.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random inputs through the whole tokenizer (basic tokenizer, WordPiece, {@link BertTokenizer}): random
 * Unicode with combining marks, control and format characters, lone surrogates, supplementary characters, CJK,
 * literal specials and very long words. No exception but the documented ones, and the alignment holds: lengths
 * agree, ids are the pieces', offsets lie in the text and do not go backwards, word indices are in order and every
 * pre-split word has a piece, and (cased, no accent stripping) every piece is its source span minus the characters
 * the cleaning drops. {@value #TEXTS} texts x 2 tokenizers, {@value #WORD_LISTS} word lists x 2, {@value #PAIRS}
 * truncated pairs x 2.
 */
class TokenizerFuzzTest {
    static final int TEXTS = 3000, WORD_LISTS = 1500, PAIRS = 1500;

    private static final int[] ALPHABET = {
        'a', 'b', 'c', 'e', 'f', 's', 'A', 'B', 'E', '0', '9', ' ', ' ', ' ', '\t', '\n', '\r', '.', ',', '\'', '#', '[', ']',
        'é', 'É', 'ë', 'ß', 'İ', 'Σ', 'ς', 'ŉ', 'ǅ',
        0x0301, 0x0308, 0x0327, 0x20DD, 0x3099, 0xFE0F,                       // combining marks, variation selector
        0x0000, 0x0007, 0x001B, 0x007F, 0x0085, 0x009F,                       // controls
        0x00AD, 0x200B, 0x200D, 0x2028, 0x2029, 0xFEFF, 0xFFFD, 0x00A0, 0x3000, // format, separators, replacement
        0xD800, 0xDBFF, 0xDC00, 0xDFFF,                                       // lone surrogates
        '我', '北', 0xF900, 'か', '한', 0x1F600, 0x1F468, 0x20000, 0x1D400, 0xE000, 0x10FFFF
    };

    private static final BertTokenizer CASED = tokenizer(false), UNCASED = tokenizer(true);

    /** Specials, every alphabet character alone and as a continuation, and a few longer pieces. */
    private static BertTokenizer tokenizer(boolean lower) {
        Set<String> tokens = new LinkedHashSet<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
                "cafe", "café", "##s", "be", "##ef", "abc", "##abc", "##e"));
        for (int cp : ALPHABET) {
            if (Character.isSurrogate((char) cp) && cp <= 0xFFFF) continue;
            String s = new String(Character.toChars(cp));
            tokens.add(s);
            tokens.add("##" + s);
        }
        Vocabulary v = Vocabulary.of(new ArrayList<>(tokens));
        return new BertTokenizer(new BasicTokenizer(lower), new WordPiece(v), 1 << 20);
    }

    private static String randomText(Random r) {
        StringBuilder sb = new StringBuilder();
        int len = r.nextInt(10) == 0 ? 100 + r.nextInt(900) : 1 + r.nextInt(40);
        boolean longWord = r.nextInt(15) == 0; // one word longer than WordPiece's 100 code points
        for (int i = 0; i < len; i++) {
            if (r.nextInt(60) == 0) sb.append("[MASK]");
            int cp = ALPHABET[r.nextInt(ALPHABET.length)];
            if (longWord && (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r')) cp = 'a';
            if (cp <= 0xFFFF) sb.append((char) cp); else sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    @Test
    void randomTextsKeepTheAlignment() {
        Random r = new Random(15_001L);
        for (int n = 0; n < TEXTS; n++) {
            String text = randomText(r);
            for (BertTokenizer t : new BertTokenizer[]{CASED, UNCASED}) {
                Encoding e = t.encode(text);
                checkAlignment(t, e, text, null);
            }
        }
    }

    @Test
    void randomWordListsGiveEveryWordAPiece() {
        Random r = new Random(15_002L);
        for (int n = 0; n < WORD_LISTS; n++) {
            List<String> words = new ArrayList<>();
            for (int w = 1 + r.nextInt(12); w > 0; w--) words.add(r.nextInt(8) == 0 ? "" : prefix(randomText(r), 1 + r.nextInt(3)));
            String joined = String.join(" ", words);
            for (BertTokenizer t : new BertTokenizer[]{CASED, UNCASED}) {
                Encoding e = t.encodeWords(words);
                checkAlignment(t, e, joined, words);
                assertEquals(words, e.words());
                for (int w = 0; w < words.size(); w++) {
                    final int word = w;
                    assertTrue(Arrays.stream(e.wordIndex()).anyMatch(x -> x == word), () -> "word " + word + " has no piece: " + words);
                }
            }
        }
    }

    @Test
    void randomPairsTruncateWithinTheLimitOrSayWhy() {
        Random r = new Random(15_003L);
        Truncation[] strategies = Truncation.values();
        for (int n = 0; n < PAIRS; n++) {
            String a = randomText(r), b = randomText(r);
            int max = 4 + r.nextInt(40);
            Truncation how = strategies[r.nextInt(strategies.length)];
            for (BertTokenizer t : new BertTokenizer[]{CASED, UNCASED}) {
                try {
                    Encoding e = t.encodePair(a, b, max, how);
                    assertTrue(e.length() <= max, () -> e.length() + " pieces over " + max);
                    int firstSep = Arrays.asList(e.pieces()).indexOf("[SEP]");
                    checkAlignment(t, e, a, null, 0, firstSep + 1);
                    for (int i = firstSep + 1; i < e.length(); i++) assertEquals(1, e.segmentIds()[i]);
                } catch (InputTooLongException expected) {
                    assertTrue(expected.getMessage().contains(String.valueOf(max)), expected.getMessage());
                }
            }
        }
    }

    private static void checkAlignment(BertTokenizer t, Encoding e, String text, List<String> words) {
        checkAlignment(t, e, text, words, 0, e.length());
    }

    /** Checks pieces {@code from..to} (the first segment with its [CLS] and [SEP]) against {@code text}. */
    private static void checkAlignment(BertTokenizer t, Encoding e, String text, List<String> words, int from, int to) {
        String where = "text code points " + Arrays.toString(text.codePoints().toArray());
        int n = e.length();
        assertTrue(e.pieces().length == n && e.segmentIds().length == n && e.attentionMask().length == n
                && e.offsets().length == n && e.wordIndex().length == n, where);
        assertEquals("[CLS]", e.pieces()[0], where);
        assertEquals("[SEP]", e.pieces()[n - 1], where);
        Vocabulary v = t.vocabulary();
        int lastStart = 0, lastWord = -1;
        for (int i = from; i < to; i++) {
            assertEquals(e.pieces()[i], v.token(e.ids()[i]), where);
            String p = e.pieces()[i];
            int[] o = e.offsets()[i];
            if (e.wordIndex()[i] < 0) {
                assertTrue(p.equals("[CLS]") || p.equals("[SEP]"), where);
                assertTrue(o[0] == 0 && o[1] == 0, where);
                continue;
            }
            boolean emptyWord = words != null && words.get(e.wordIndex()[i]).isEmpty(); // its [UNK] spans nothing
            assertTrue(0 <= o[0] && (o[0] < o[1] || emptyWord && o[0] == o[1]) && o[1] <= text.length(),
                    () -> "offsets " + Arrays.toString(o) + " outside " + where);
            assertTrue(o[0] >= lastStart, () -> "offsets go backwards at piece " + p + ": " + where);
            assertTrue(e.wordIndex()[i] >= lastWord && e.wordIndex()[i] < e.words().size(), where);
            lastStart = o[0];
            lastWord = e.wordIndex()[i];
            if (t == CASED && !p.equals("[UNK]")) {
                String source = cleaned(text.substring(o[0], o[1]));
                String piece = p.startsWith("##") && !source.startsWith("##") ? p.substring(2) : p;
                assertEquals(source, piece, () -> "piece " + p + " does not map back to " + Arrays.toString(o) + ": " + where);
            }
        }
    }

    // The first n UTF-16 units: may cut a surrogate pair, which tests lone surrogates too.
    private static String prefix(String s, int n) {
        return s.substring(0, Math.min(n, s.length()));
    }

    // The characters the basic tokenizer's cleaning drops inside a token.
    private static String cleaned(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().filter(cp -> !(cp == 0 || cp == 0xFFFD || UnicodeRules.isControl(cp) || Character.isSurrogate((char) cp))).forEach(sb::appendCodePoint);
        return sb.toString();
    }
}
