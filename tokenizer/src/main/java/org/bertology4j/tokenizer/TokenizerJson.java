package org.bertology4j.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * The parts of a Hugging Face {@code tokenizer.json} that define BERT tokenization: a {@code WordPiece} model
 * ({@code vocab}, {@code unk_token}, {@code continuing_subword_prefix}, {@code max_input_chars_per_word}) and a
 * {@code BertNormalizer} (possibly inside a {@code Sequence}) with {@code lowercase}, {@code strip_accents}
 * ({@code null} = follow lowercase), {@code handle_chinese_chars}, {@code clean_text}.
 *
 * <p>Configurations this library cannot reproduce exactly (another model type, extra normalizers, a
 * pre-tokenizer other than {@code BertPreTokenizer}) are rejected rather than approximated.
 */
public record TokenizerJson(Vocabulary vocabulary, String continuingSubwordPrefix, int maxInputCharsPerWord,
                            boolean lowercase, boolean stripAccents, boolean handleChineseChars, boolean cleanText) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Reads a tokenizer.json file.
     *
     * @throws TokenizerConfigException naming the file and the offending field
     */
    public static TokenizerJson read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new TokenizerConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses tokenizer.json content.
     *
     * @param source name used in error messages
     */
    public static TokenizerJson parse(InputStream in, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new TokenizerConfigException(source + ": not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new TokenizerConfigException(source + ": expected a JSON object");
        }
        JsonNode model = root.path("model");
        String type = model.path("type").asText("");
        if (!"WordPiece".equals(type)) {
            throw new TokenizerConfigException(source + ": model.type is '" + type + "', only WordPiece is supported");
        }
        String unk = model.path("unk_token").asText(Vocabulary.UNK);
        String prefix = model.path("continuing_subword_prefix").asText("##");
        int maxChars = model.path("max_input_chars_per_word").asInt(WordPiece.DEFAULT_MAX_INPUT_CHARS_PER_WORD);
        Vocabulary vocabulary = readVocab(model.path("vocab"), unk, source);

        JsonNode bert = findBertNormalizer(root.path("normalizer"), source);
        boolean lowercase = bool(bert, "lowercase", true, source);
        JsonNode strip = bert.path("strip_accents");
        boolean stripAccents = strip.isMissingNode() || strip.isNull() ? lowercase : bool(bert, "strip_accents", true, source);
        boolean chinese = bool(bert, "handle_chinese_chars", true, source);
        boolean clean = bool(bert, "clean_text", true, source);

        JsonNode pre = root.path("pre_tokenizer");
        if (!pre.isMissingNode() && !pre.isNull() && !"BertPreTokenizer".equals(pre.path("type").asText())) {
            throw new TokenizerConfigException(source + ": pre_tokenizer type '" + pre.path("type").asText()
                    + "' is not supported (expected BertPreTokenizer)");
        }
        return new TokenizerJson(vocabulary, prefix, maxChars, lowercase, stripAccents, chinese, clean);
    }

    /** The basic tokenizer these settings describe. */
    public BasicTokenizer basicTokenizer() {
        return new BasicTokenizer(lowercase, stripAccents, handleChineseChars, cleanText);
    }

    /** The WordPiece these settings describe. */
    public WordPiece wordPiece() {
        return new WordPiece(vocabulary, continuingSubwordPrefix, maxInputCharsPerWord);
    }

    private static Vocabulary readVocab(JsonNode vocab, String unk, String source) {
        if (!vocab.isObject() || vocab.size() == 0) {
            throw new TokenizerConfigException(source + ": model.vocab must be a non-empty object token -> id");
        }
        String[] tokens = new String[vocab.size()];
        Iterator<Map.Entry<String, JsonNode>> it = vocab.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode idNode = e.getValue();
            if (!idNode.isIntegralNumber()) {
                throw new TokenizerConfigException(source + ": model.vocab['" + e.getKey() + "'] is not an integer id");
            }
            int id = idNode.asInt();
            if (id < 0 || id >= tokens.length) {
                throw new TokenizerConfigException(source + ": model.vocab['" + e.getKey() + "'] = " + id
                        + " is outside [0, " + tokens.length + ") - ids must be dense");
            }
            if (tokens[id] != null) {
                throw new TokenizerConfigException(source + ": model.vocab id " + id + " used by both '" + tokens[id]
                        + "' and '" + e.getKey() + "'");
            }
            tokens[id] = e.getKey();
        }
        // dense and unique ids over [0, size) with size entries: every slot is filled
        try {
            return Vocabulary.of(Arrays.asList(tokens), unk);
        } catch (IllegalArgumentException e) {
            throw new TokenizerConfigException(source + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode findBertNormalizer(JsonNode normalizer, String source) {
        if (normalizer.isMissingNode() || normalizer.isNull()) {
            throw new TokenizerConfigException(source + ": no normalizer; a BertNormalizer is required");
        }
        String type = normalizer.path("type").asText("");
        if ("BertNormalizer".equals(type)) {
            return normalizer;
        }
        if ("Sequence".equals(type)) {
            JsonNode found = null;
            for (JsonNode n : normalizer.path("normalizers")) {
                String t = n.path("type").asText("");
                if (!"BertNormalizer".equals(t) || found != null) {
                    throw new TokenizerConfigException(source + ": normalizer Sequence contains '" + t
                            + "'; only a single BertNormalizer is supported");
                }
                found = n;
            }
            if (found != null) {
                return found;
            }
        }
        throw new TokenizerConfigException(source + ": normalizer type '" + type + "' is not a BertNormalizer");
    }

    /** A boolean field of {@code node}, {@code dflt} when missing or null; {@code source} names the file in errors. */
    static boolean bool(JsonNode node, String field, boolean dflt, String source) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw new TokenizerConfigException(source + ": " + field + " is not a boolean: " + v);
        }
        return v.booleanValue();
    }
}
