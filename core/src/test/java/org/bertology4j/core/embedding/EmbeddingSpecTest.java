package org.bertology4j.core.embedding;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Specs by name and from sentence-transformers files; pooling weights, values and cotangents. */
class EmbeddingSpecTest {
    @TempDir
    Path dir;

    @Test
    void knownModelsFollowTheirCards() {
        EmbeddingSpec bge = EmbeddingSpec.of("bge-small-en-v1.5", dir, 512);
        assertEquals(Pooling.CLS, bge.pooling());
        assertTrue(bge.normalize());
        assertEquals("Represent this sentence for searching relevant passages: ", bge.prefix(EmbeddingSpec.Role.QUERY));
        assertEquals("", bge.prefix(EmbeddingSpec.Role.PASSAGE));
        EmbeddingSpec mini = EmbeddingSpec.of("all-minilm-l6-v2", dir, 512);
        assertEquals(Pooling.MEAN, mini.pooling());
        assertEquals(256, mini.maxTokens());
        EmbeddingSpec plain = EmbeddingSpec.of("bert-base-uncased", dir, 512);
        assertEquals(Pooling.MEAN, plain.pooling());
        assertFalse(plain.normalize());
        assertEquals(EmbeddingSpec.Role.QUERY, EmbeddingSpec.Role.of("query"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EmbeddingSpec.Role.of("question")).getMessage().contains("plain, query, passage"));
    }

    @Test
    void sentenceTransformersFilesAreRead() throws Exception {
        Files.createDirectories(dir.resolve("1_Pooling"));
        Files.writeString(dir.resolve("1_Pooling/config.json"), "{\"pooling_mode_cls_token\": true, \"pooling_mode_mean_tokens\": false}");
        Files.writeString(dir.resolve("modules.json"), "[{\"type\": \"sentence_transformers.models.Transformer\"}, "
                + "{\"type\": \"sentence_transformers.models.Pooling\"}, {\"type\": \"sentence_transformers.models.Normalize\"}]");
        Files.writeString(dir.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 128}");
        Files.writeString(dir.resolve("config_sentence_transformers.json"), "{\"prompts\": {\"query\": \"q: \", \"document\": \"d: \"}}");
        EmbeddingSpec s = EmbeddingSpec.of("my-model", dir, 512);
        assertEquals(Pooling.CLS, s.pooling());
        assertTrue(s.normalize());
        assertEquals(128, s.maxTokens());
        assertEquals("q: ", s.queryPrefix());
        assertEquals("d: ", s.passagePrefix());

        Files.writeString(dir.resolve("1_Pooling/config.json"), "{\"pooling_mode_max_tokens\": true}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EmbeddingSpec.of("my-model", dir, 512)).getMessage()
                .contains("config.json: no pooling mode"));
        Files.writeString(dir.resolve("1_Pooling/config.json"), "{not json");
        assertTrue(assertThrows(UncheckedIOException.class, () -> EmbeddingSpec.of("my-model", dir, 512)).getMessage()
                .contains("1_Pooling"));
    }

    @Test
    void poolingWeightsValuesAndCotangents() {
        int[] mask = {1, 1, 1, 0};
        assertArrayEquals(new double[]{1.0 / 3, 1.0 / 3, 1.0 / 3, 0}, Pooling.MEAN.weights(mask), 1e-15);
        assertArrayEquals(new double[]{1, 0, 0, 0}, Pooling.CLS.weights(mask), 0);
        INDArray h = Nd4j.create(new double[]{1, 2, 3, 4, 5, 6, 100, 100}, new long[]{1, 4, 2}).castTo(DataType.DOUBLE);
        assertArrayEquals(new double[]{3, 4}, Pooling.MEAN.pool(h, 0, mask), 1e-12);
        assertArrayEquals(new double[]{1, 2}, Pooling.CLS.pool(h, 0, mask), 0);
        INDArray c = Pooling.MEAN.cotangent(new double[]{3, 6}, mask, DataType.DOUBLE);
        assertArrayEquals(new double[]{1, 2, 1, 2, 1, 2, 0, 0}, c.reshape(-1).toDoubleVector(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Pooling.MEAN.weights(new int[]{0, 0}));
    }
}
