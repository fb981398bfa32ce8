package org.bertology4j.core.model;

import org.bertology4j.core.TinyModels;
import org.bertology4j.weights.BertConfig;
import org.bertology4j.weights.DType;
import org.bertology4j.weights.MapTensorSource;
import org.bertology4j.weights.Tensor;
import org.bertology4j.weights.safetensors.SafetensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every tensor of a model directory is used by the model or named in a notice. */
class ModelDirectoryLoaderTest {
    @TempDir Path tmp;

    private Path directory(BertConfig c, List<Tensor> extra) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("m" + extra.size()));
        c.write(dir.resolve("config.json"));
        StringBuilder vocab = new StringBuilder();
        for (int i = 0; i < c.vocabSize(); i++) vocab.append(i == 1 ? "[UNK]" : "t" + i).append('\n');
        Files.writeString(dir.resolve("vocab.txt"), vocab);
        MapTensorSource src = RandomBertWeights.tensors(c, 3);
        List<Tensor> ts = new ArrayList<>();
        for (String n : src.names()) ts.add(src.get(n));
        ts.addAll(extra);
        SafetensorsWriter.write(dir.resolve("model.safetensors"), ts, Map.of());
        return dir;
    }

    @Test
    void tensorsTheModelDoesNotReadAreNamed() throws IOException {
        BertConfig c = TinyModels.tiny();
        List<String> notices = new ArrayList<>();
        ModelDirectoryLoader.load(directory(c, List.of()), LoadOptions.defaults(), notices::add);
        assertEquals(List.of(), notices, "random weights have every head the engine reads");

        Tensor nsp = Tensor.ofFloats("cls.seq_relationship.weight", new long[]{2, c.hiddenSize()}, new float[2 * c.hiddenSize()]);
        Tensor ids = new Tensor("bert.embeddings.position_ids", DType.I64, new long[]{1, 3}, ByteBuffer.allocate(24));
        ModelDirectoryLoader.load(directory(c, List.of(nsp, ids)), LoadOptions.defaults(), notices::add);
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains("2 tensors not used by the model: [bert.embeddings.position_ids, cls.seq_relationship.weight]")
                || notices.get(0).contains("2 tensors not used by the model: [cls.seq_relationship.weight, bert.embeddings.position_ids]"),
                notices.get(0));
        assertTrue(notices.get(0).contains("model.safetensors"), notices.get(0));
    }
}
