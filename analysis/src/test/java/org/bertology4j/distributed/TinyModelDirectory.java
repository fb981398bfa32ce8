package org.bertology4j.distributed;

import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.RandomBertWeights;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.weights.BertConfig;
import org.bertology4j.weights.MapTensorSource;
import org.bertology4j.weights.Tensor;
import org.bertology4j.weights.safetensors.SafetensorsWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tiny random BERT written as a model directory (config.json + model.safetensors + vocab.txt), so corpus runs
 * take seconds, with BERT-base uncased's vocabulary.
 */
public final class TinyModelDirectory {
    private TinyModelDirectory() {}

    public static Path write(Path dir, long seed) throws IOException {
        Files.createDirectories(dir);
        List<String> vocab = vocabulary();
        BertConfig config = new BertConfig(vocab.size(), 32, 2, 4, 64, "gelu", 512, 2, 1e-12, 0);
        Files.writeString(dir.resolve("config.json"), config.toJson());
        MapTensorSource t = RandomBertWeights.tensors(config, seed);
        List<Tensor> tensors = new ArrayList<>();
        for (String n : t.names()) tensors.add(t.get(n));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors, Map.of());
        Files.write(dir.resolve("vocab.txt"), vocab);
        return dir;
    }

    /** A tiny model written to a directory and loaded: engine and tokenizer. */
    public record Loaded(Path dir, BertModel model, BertTokenizer tokenizer) {}

    /** {@link #write}, then loads the directory (engine in float32, tokenizer from vocab.txt). */
    public static Loaded load(Path dir, long seed) throws IOException {
        write(dir, seed);
        return new Loaded(dir, BertModel.load(dir), BertTokenizer.fromModelDirectory(dir));
    }

    private static Loaded shared;

    /**
     * One tiny model (seed 1) for every test of this JVM that needs just some model, written once to a temporary
     * directory that is deleted at exit.
     */
    public static synchronized Loaded shared() throws IOException {
        if (shared == null) {
            Path dir = Files.createTempDirectory("bertology4j-tiny-model");
            shared = load(dir, 1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) Files.deleteIfExists(f);
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temporary directory left behind
                }
            }));
        }
        return shared;
    }

    /** BERT-base uncased's vocabulary (Apache-2.0), kept in the test resources: realistic word pieces on any machine. */
    private static List<String> vocabulary() throws IOException {
        try (java.io.InputStream in = TinyModelDirectory.class.getResourceAsStream("/tiny-model/vocab-bert-base-uncased.txt")) {
            if (in == null) throw new IllegalStateException("test resource tiny-model/vocab-bert-base-uncased.txt missing");
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
    }
}
