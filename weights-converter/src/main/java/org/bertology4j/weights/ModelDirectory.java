package org.bertology4j.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bertology4j.weights.safetensors.SafetensorsReader;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
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

    /**
     * The weights (memory-mapped), under canonical names, each tensor verified against its checksum recorded at
     * conversion as it is read ({@link TensorChecksums}); close it when done. A directory converted before checksums
     * were recorded gets them once, after its file is checked against the SHA-256 recorded at conversion; a directory
     * not converted by bertology4j (a Hugging Face download) loads unverified, with a one-line notice and its SHA-256.
     */
    public TensorSource tensors() {
        SafetensorsReader r = SafetensorsReader.open(dir.resolve(WEIGHTS));
        try {
            Map<String, String> sums = recordedChecksums(r);
            return new CanonicalNameSource(sums == null ? r : TensorChecksums.verifying(r, sums));
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** The weights' headers and bytes without checksum verification (shape and dtype checks read no data). */
    TensorSource tensorsUnverified() {
        return new CanonicalNameSource(SafetensorsReader.open(dir.resolve(WEIGHTS)));
    }

    /** Keys of bertology4j.json: each tensor's CRC32C, and the header's CRC32C and the file's size. */
    static final String CHECKSUMS = "tensor_crc32c", HEADER_CHECKSUM = "header_crc32c", SIZE = "model_size";
    private static final java.util.Set<Path> NOTIFIED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final System.Logger LOG = System.getLogger(ModelDirectory.class.getName());

    /**
     * The recorded tensor checksums after checking the file's size and header against theirs, or null for a foreign
     * directory. A conversion without them (older versions: none at all, or the tensors' without the header's) is
     * checked once against its conversion-time SHA-256 and then gets them.
     */
    private Map<String, String> recordedChecksums(SafetensorsReader stored) {
        JsonNode prov = provenance().orElse(null);
        Path weights = dir.resolve(WEIGHTS);
        if (prov != null && prov.has(CHECKSUMS) && prov.has(HEADER_CHECKSUM) && prov.has(SIZE)) {
            if (stored.fileSize() != prov.get(SIZE).asLong()) {
                throw changed(weights, "is " + stored.fileSize() + " bytes, " + prov.get(SIZE).asLong() + " when converted");
            }
            if (!TensorChecksums.header(stored).equals(prov.get(HEADER_CHECKSUM).asText())) {
                throw changed(weights, "has another header than when converted (tensor names, dtypes, shapes, offsets or "
                        + "metadata; crc32c " + TensorChecksums.header(stored) + ", recorded " + prov.get(HEADER_CHECKSUM).asText() + ")");
            }
            Map<String, String> m = new java.util.LinkedHashMap<>();
            prov.get(CHECKSUMS).fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
            return m;
        }
        String sha;
        try {
            sha = ModelConverter.sha256(weights);
        } catch (IOException e) {
            throw new WeightsException("cannot read " + weights + ": " + e.getMessage(), e);
        }
        String recorded = prov == null ? "" : prov.path("model_sha256").asText("");
        if (recorded.isEmpty()) {
            if (NOTIFIED.add(dir.toAbsolutePath().normalize())) {
                LOG.log(System.Logger.Level.INFO, "bertology4j: " + dir + " was not converted by bertology4j: no checksums "
                        + "to verify its weights against; weights sha256 " + sha);
            }
            return null;
        }
        if (!recorded.equals(sha)) throw changed(weights, "has sha256 " + sha + ", " + recorded + " when converted");
        Map<String, String> sums = TensorChecksums.of(stored);
        try {   // once: later loads verify tensor by tensor without hashing the whole file
            ObjectNode updated = ((ObjectNode) prov).deepCopy();
            updated.set(CHECKSUMS, JSON.valueToTree(sums));
            updated.put(HEADER_CHECKSUM, TensorChecksums.header(stored));
            updated.put(SIZE, stored.fileSize());
            Path tmp = Files.createTempFile(dir, ".bertology4j-", ".json");
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(updated));
            Files.move(tmp, dir.resolve(PROVENANCE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            LOG.log(System.Logger.Level.INFO, "bertology4j: recorded " + (prov.has(CHECKSUMS) ? "the header's checksum"
                    : "per-tensor checksums") + " for " + dir + " (once: its weights matched the SHA-256 recorded at conversion)");
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "bertology4j: " + dir + " is verified by its SHA-256 at each load (cannot record"
                    + " its checksums there: " + e + ")");
        }
        return sums;
    }

    private static WeightsException changed(Path weights, String what) {
        return new WeightsException(weights + " changed since it was converted: it " + what + "; convert the model again "
                + "(delete the model directory; named models are fetched again)");
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
     * beyond {@code num_hidden_layers}, and that vocab.txt (else tokenizer.json's {@code model.vocab}) has exactly
     * {@code vocab_size} entries; the exception names
     * each offending tensor.
     */
    public void validate() {
        try (TensorSource t = tensorsUnverified()) {
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
            checkVocabularySize(v, lines);
        } else {   // tokenizer.json only: its WordPiece vocabulary
            JsonNode vocab = readJson(dir.resolve(TOKENIZER_JSON)).path("model").path("vocab");
            if (vocab.isObject()) checkVocabularySize(dir.resolve(TOKENIZER_JSON), vocab.size());
        }
    }

    private void checkVocabularySize(Path v, long entries) {
        if (entries != config.vocabSize()) {
            // fewer: ids past the end have no piece (tokenizing fell back to [UNK]); more: pieces without embeddings
            throw new WeightsException("vocabulary " + v + " has " + entries + " entries but the model's vocab_size is "
                    + config.vocabSize() + " (config.json): they must be equal");
        }
    }

    @Override public String toString() { return "model directory " + dir; }
}
