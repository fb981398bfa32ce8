package org.bertology4j.distributed;

import org.bertology4j.core.model.RandomBertWeights;
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
 * take seconds. The vocabulary is the real uncased one when the BERT-base cache has it (realistic word pieces),
 * else a generated one (letters and a few words).
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

    private static List<String> vocabulary() throws IOException {
        Path real = Path.of(System.getProperty("user.home"), ".cache", "bertology4j", "bert-base-uncased", "vocab.txt");
        if (Files.isRegularFile(real)) return Files.readAllLines(real);
        List<String> v = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", ",", "'", "\"", "-",
                "the", "a", "of", "and", "to", "in", "is", "was", "it", "that"));
        for (char c = 'a'; c <= 'z'; c++) v.add(String.valueOf(c));
        for (char c = '0'; c <= '9'; c++) v.add(String.valueOf(c));
        for (char c = 'a'; c <= 'z'; c++) v.add("##" + c);
        for (char c = '0'; c <= '9'; c++) v.add("##" + c);
        return v;
    }
}
