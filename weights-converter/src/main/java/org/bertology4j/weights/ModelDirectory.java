package org.bertology4j.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bertology4j.weights.safetensors.SafetensorsReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A model directory in the native layout, which is also the Hugging Face layout:
 * {@code config.json}, {@code model.safetensors}, {@code vocab.txt} (or {@code tokenizer.json}),
 * optional {@code tokenizer_config.json} ({@code do_lower_case}) and {@code bertology4j.json}
 * (provenance written by {@link ModelConverter}). Tensors are served under canonical Hugging Face
 * names ({@code bert.}-prefixed), whatever prefix the file uses.
 */
public final class ModelDirectory {
    /** File names of the layout. */
    public static final String CONFIG = "config.json", WEIGHTS = "model.safetensors", VOCAB = "vocab.txt",
            TOKENIZER_JSON = "tokenizer.json", TOKENIZER_CONFIG = "tokenizer_config.json", PROVENANCE = "bertology4j.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final BertConfig config;

    private ModelDirectory(Path dir, BertConfig config) {
        this.dir = dir;
        this.config = config;
    }

    /** Opens a model directory after checking that all needed files are present (the error lists every missing one). */
    public static ModelDirectory open(Path dir) {
        if (!Files.isDirectory(dir)) throw new WeightsException("model directory " + dir + " does not exist or is not a directory");
        List<String> missing = new ArrayList<>();
        if (!Files.isRegularFile(dir.resolve(CONFIG))) missing.add(CONFIG);
        if (!Files.isRegularFile(dir.resolve(WEIGHTS))) missing.add(WEIGHTS);
        if (!Files.isRegularFile(dir.resolve(VOCAB)) && !Files.isRegularFile(dir.resolve(TOKENIZER_JSON))) {
            missing.add(VOCAB + " (or " + TOKENIZER_JSON + ")");
        }
        if (!missing.isEmpty()) throw new WeightsException("model directory " + dir + " is missing " + String.join(", ", missing));
        return new ModelDirectory(dir, BertConfig.read(dir.resolve(CONFIG)));
    }

    /** The directory. */
    public Path path() { return dir; }

    /** Hyper-parameters from config.json. */
    public BertConfig config() { return config; }

    /** The weights (memory-mapped), under canonical names; close it when done. */
    public TensorSource tensors() {
        return new CanonicalNameSource(SafetensorsReader.open(dir.resolve(WEIGHTS)));
    }

    /** vocab.txt when present, otherwise tokenizer.json (a Hugging Face fast-tokenizer file holding the vocabulary). */
    public Path vocab() {
        Path v = dir.resolve(VOCAB);
        return Files.isRegularFile(v) ? v : dir.resolve(TOKENIZER_JSON);
    }

    /** tokenizer.json when present. */
    public Optional<Path> tokenizerJson() {
        Path t = dir.resolve(TOKENIZER_JSON);
        return Files.isRegularFile(t) ? Optional.of(t) : Optional.empty();
    }

    /**
     * Whether input must be lower-cased: {@code do_lower_case} of tokenizer_config.json, else the
     * {@code lowercase} flag of tokenizer.json's BertNormalizer, else a guess from the vocabulary
     * (a cased vocabulary holds capitalised words such as "The").
     */
    public boolean lowerCase() {
        JsonNode tc = readJson(dir.resolve(TOKENIZER_CONFIG));
        if (tc != null && tc.has("do_lower_case")) return tc.get("do_lower_case").asBoolean();
        JsonNode tj = readJson(dir.resolve(TOKENIZER_JSON));
        if (tj != null && tj.path("normalizer").has("lowercase")) return tj.path("normalizer").get("lowercase").asBoolean();
        Path v = dir.resolve(VOCAB);
        if (Files.isRegularFile(v)) {
            try (var lines = Files.lines(v, StandardCharsets.UTF_8)) {
                return lines.noneMatch(l -> l.equals("The") || l.equals("A"));
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new WeightsException("cannot read vocabulary " + v + ": " + e.getMessage(), e);
            }
        }
        return true;
    }

    private static JsonNode readJson(Path f) {
        if (!Files.isRegularFile(f)) return null;
        try {
            return JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new WeightsException("cannot parse " + f + ": " + e.getMessage(), e);
        }
    }

    /** Provenance written by the converter (source, sha256...), when present. */
    public Optional<JsonNode> provenance() { return Optional.ofNullable(readJson(dir.resolve(PROVENANCE))); }

    /**
     * Checks every expected tensor's shape and float dtype against the config, that no tensor belongs to a layer
     * beyond {@code num_hidden_layers}, and that vocab.txt has exactly {@code vocab_size} entries; the exception names
     * each offending tensor.
     */
    public void validate() {
        try (TensorSource t = tensors()) {
            HfBertNames.validate(t, config);
        }
        Path v = dir.resolve(VOCAB);
        if (Files.isRegularFile(v)) {
            long lines;
            try (var l = Files.lines(v, StandardCharsets.UTF_8)) {
                lines = l.count();
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new WeightsException("cannot read vocabulary " + v + ": " + e.getMessage(), e);
            }
            if (lines != config.vocabSize()) {
                // fewer: ids past the end have no piece (tokenizing fell back to [UNK]); more: pieces without embeddings
                throw new WeightsException("vocabulary " + v + " has " + lines + " entries but the model's vocab_size is "
                        + config.vocabSize() + " (config.json): they must be equal");
            }
        }
    }

    @Override public String toString() { return "model directory " + dir; }
}
