package org.bertology4j.tokenizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VocabularyTest {

    @TempDir
    Path dir;

    @Test
    void vocabTxtIdIsLineNumber() throws IOException {
        Path f = dir.resolve("vocab.txt");
        Files.writeString(f, "[PAD]\r\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhello\n##lo\na b\n");
        Vocabulary v = Vocabulary.fromVocabTxt(f);
        assertEquals(8, v.size());
        assertEquals(0, v.padId());
        assertEquals(1, v.unkId());
        assertEquals(2, v.clsId());
        assertEquals(3, v.sepId());
        assertEquals(4, v.maskId());
        assertEquals(5, v.id("hello"));
        assertEquals("##lo", v.token(6));
        assertEquals(7, v.id("a b"));
        assertTrue(v.find("nope").isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.token(8));
        assertTrue(e.getMessage().contains("8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> v.id("nope"));
    }

    @Test
    void vocabTxtErrorsNameFileAndLine() throws IOException {
        Path dup = dir.resolve("dup.txt");
        Files.writeString(dup, "[UNK]\nx\ny\nx\n");
        TokenizerConfigException e = assertThrows(TokenizerConfigException.class, () -> Vocabulary.fromVocabTxt(dup));
        assertTrue(e.getMessage().contains("dup.txt line 4") && e.getMessage().contains("first on line 2"),
                e.getMessage());

        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "");
        e = assertThrows(TokenizerConfigException.class, () -> Vocabulary.fromVocabTxt(empty));
        assertTrue(e.getMessage().contains("empty.txt") && e.getMessage().contains("empty vocabulary"), e.getMessage());

        Path blank = dir.resolve("blank.txt");
        Files.writeString(blank, "[UNK]\n\nx\n");
        e = assertThrows(TokenizerConfigException.class, () -> Vocabulary.fromVocabTxt(blank));
        assertTrue(e.getMessage().contains("blank.txt line 2"), e.getMessage());

        Path noUnk = dir.resolve("nounk.txt");
        Files.writeString(noUnk, "x\n");
        e = assertThrows(TokenizerConfigException.class, () -> Vocabulary.fromVocabTxt(noUnk));
        assertTrue(e.getMessage().contains("[UNK]"), e.getMessage());

        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'[', 'U', 'N', 'K', ']', '\n', (byte) 0xE9, '\n'});
        e = assertThrows(TokenizerConfigException.class, () -> Vocabulary.fromVocabTxt(latin1));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());

        assertThrows(TokenizerConfigException.class, () -> Vocabulary.fromVocabTxt(dir.resolve("missing.txt")));
    }

    private static final String MINIMAL_JSON = """
            {"model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                       "max_input_chars_per_word": 7,
                       "vocab": {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "hel": 4, "##lo": 5}},
             "normalizer": {"type": "Sequence", "normalizers": [
                {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": false,
                 "strip_accents": null, "lowercase": false}]},
             "pre_tokenizer": {"type": "BertPreTokenizer"}}
            """;

    private static TokenizerJson parse(String json) {
        return TokenizerJson.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    @Test
    void tokenizerJsonReadsModelAndNormalizer() {
        TokenizerJson t = parse(MINIMAL_JSON);
        assertEquals(6, t.vocabulary().size());
        assertEquals(5, t.vocabulary().id("##lo"));
        assertEquals(7, t.maxInputCharsPerWord());
        assertEquals("##", t.continuingSubwordPrefix());
        assertFalse(t.lowercase());
        assertFalse(t.stripAccents(), "null strip_accents follows lowercase");
        assertFalse(t.handleChineseChars());
        assertTrue(t.cleanText());
    }

    @Test
    void tokenizerJsonRejectsWhatItCannotReproduce() {
        String bpe = MINIMAL_JSON.replace("\"WordPiece\"", "\"BPE\"");
        assertTrue(assertThrows(TokenizerConfigException.class, () -> parse(bpe)).getMessage().contains("BPE"));
        String gap = MINIMAL_JSON.replace("\"##lo\": 5", "\"##lo\": 9");
        assertTrue(assertThrows(TokenizerConfigException.class, () -> parse(gap)).getMessage().contains("##lo"));
        String dupId = MINIMAL_JSON.replace("\"##lo\": 5", "\"##lo\": 4");
        assertTrue(assertThrows(TokenizerConfigException.class, () -> parse(dupId)).getMessage().contains("id 4"));
        String nfc = MINIMAL_JSON.replace("\"normalizers\": [", "\"normalizers\": [{\"type\": \"NFC\"},");
        assertTrue(assertThrows(TokenizerConfigException.class, () -> parse(nfc)).getMessage().contains("NFC"));
        String ws = MINIMAL_JSON.replace("BertPreTokenizer", "Whitespace");
        assertTrue(assertThrows(TokenizerConfigException.class, () -> parse(ws)).getMessage().contains("Whitespace"));
        assertTrue(assertThrows(TokenizerConfigException.class, () -> parse("{oops")).getMessage()
                .contains("test.json"));
    }
}
