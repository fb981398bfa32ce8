package org.bertology4j.core.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How a model turns a text into a sentence embedding, as its sentence-transformers configuration and model card say:
 * pooling, L2 normalisation, the longest input in pieces ({@code max_seq_length}; longer inputs are truncated, as
 * sentence-transformers does), and the prefixes the card asks to put before queries and passages.
 *
 * @param pooling       mean or [CLS]
 * @param normalize     whether the pooled vector is divided by its L2 norm
 * @param maxTokens     the longest input in pieces, [CLS] and [SEP] included
 * @param queryPrefix   text put before a query ("" for none)
 * @param passagePrefix text put before a passage ("" for none)
 * @param source        where this came from (the model card or the directory's files), for reports
 */
public record EmbeddingSpec(Pooling pooling, boolean normalize, int maxTokens, String queryPrefix, String passagePrefix,
                            String source) {
    /** What a text is, for the prefixes. */
    public enum Role {
        /** The text as given: no prefix (what langchain4j's embedding models do). */
        PLAIN,
        /** A search query. */
        QUERY,
        /** A passage (document) to be found. */
        PASSAGE;

        /** The role of a name: {@code plain}, {@code query} or {@code passage}. */
        public static Role of(String name) {
            for (Role r : values()) if (r.name().toLowerCase(java.util.Locale.ROOT).equals(name)) return r;
            throw new IllegalArgumentException("unknown role '" + name + "' (plain, query, passage)");
        }
    }

    public EmbeddingSpec {
        if (pooling == null) throw new IllegalArgumentException("pooling is null");
        if (maxTokens < 2) throw new IllegalArgumentException("maxTokens must be at least 2 ([CLS] and [SEP]), got " + maxTokens);
        queryPrefix = queryPrefix == null ? "" : queryPrefix;
        passagePrefix = passagePrefix == null ? "" : passagePrefix;
    }

    /** The models of the cache, from their model cards (sentence-transformers' configuration of each). */
    private static final Map<String, EmbeddingSpec> KNOWN = Map.of(
            // BAAI/bge-small-en-v1.5: CLS pooling, Normalize; the card's instruction for short queries (retrieval)
            "bge-small-en-v1.5", new EmbeddingSpec(Pooling.CLS, true, 512,
                    "Represent this sentence for searching relevant passages: ", "", "model card of BAAI/bge-small-en-v1.5"),
            // sentence-transformers/all-MiniLM-L6-v2: mean pooling, Normalize, max_seq_length 256
            "all-minilm-l6-v2", new EmbeddingSpec(Pooling.MEAN, true, 256, "", "",
                    "model card of sentence-transformers/all-MiniLM-L6-v2"),
            "e5-small-v2", new EmbeddingSpec(Pooling.MEAN, true, 512, "query: ", "passage: ", "model card of intfloat/e5-small-v2"));

    /** A plain BERT as sentence-transformers wraps it: mean pooling, no normalisation, up to 512 pieces. */
    public static EmbeddingSpec plainBert(int maxTokens) {
        return new EmbeddingSpec(Pooling.MEAN, false, maxTokens, "", "", "sentence-transformers' default for a plain BERT (mean pooling)");
    }

    /** The spec of a model of the cache by name, if it is a sentence-embedding model. */
    public static Optional<EmbeddingSpec> known(String modelName) { return Optional.ofNullable(KNOWN.get(modelName)); }

    /**
     * The spec of a model: by name for the cache's embedding models; else from a sentence-transformers directory
     * ({@code modules.json}, {@code 1_Pooling/config.json}, {@code sentence_bert_config.json},
     * {@code config_sentence_transformers.json}'s prompts); else {@link #plainBert} with {@code maxPositions}.
     *
     * @throws IllegalArgumentException when a sentence-transformers file is malformed or asks for a pooling this
     *                                  library does not do (naming the file and the key)
     */
    public static EmbeddingSpec of(String modelName, Path dir, int maxPositions) {
        Optional<EmbeddingSpec> k = known(modelName);
        if (k.isPresent()) return k.get();
        Path pooling = dir.resolve("1_Pooling").resolve("config.json");
        if (!Files.isRegularFile(pooling)) return plainBert(Math.min(512, maxPositions));
        JsonNode p = read(pooling);
        Pooling mode;
        if (p.path(Pooling.CLS.configKey()).asBoolean(false)) mode = Pooling.CLS;
        else if (p.path(Pooling.MEAN.configKey()).asBoolean(false)) mode = Pooling.MEAN;
        else throw new IllegalArgumentException(pooling + ": no pooling mode this library computes ("
                + Pooling.CLS.configKey() + " or " + Pooling.MEAN.configKey() + " must be true)");
        boolean normalize = false;
        Path modules = dir.resolve("modules.json");
        if (Files.isRegularFile(modules)) {
            for (JsonNode m : read(modules)) normalize |= m.path("type").asText("").endsWith(".Normalize");
        }
        int max = Math.min(512, maxPositions);
        Path st = dir.resolve("sentence_bert_config.json");
        if (Files.isRegularFile(st)) max = Math.min(maxPositions, read(st).path("max_seq_length").asInt(max));
        String query = "", passage = "";
        Path prompts = dir.resolve("config_sentence_transformers.json");
        if (Files.isRegularFile(prompts)) {
            JsonNode pr = read(prompts).path("prompts");
            query = pr.path("query").asText("");
            passage = pr.path("passage").asText(pr.path("document").asText(""));
        }
        return new EmbeddingSpec(mode, normalize, max, query, passage, "sentence-transformers files in " + dir.getFileName());
    }

    /** The prefix for a role. */
    public String prefix(Role role) {
        return switch (role) {
            case PLAIN -> "";
            case QUERY -> queryPrefix;
            case PASSAGE -> passagePrefix;
        };
    }

    private static JsonNode read(Path f) {
        try {
            return new ObjectMapper().readTree(f.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }
}
