package org.bertology4j.cli;

import org.bertology4j.analysis.conllu.GumData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bertology4j.distributed.TinyModelDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code probe} stopped part-way (in the first model's training pass, and in the random model's) and run again
 * resumes from its checkpoint and writes exactly the probe.json of an uninterrupted run.
 */
class ProbeResumeTest {
    static final Path GUM = GumData.dir();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void interruptedRunsResumeToTheSameResult() throws IOException {
        assumeTrue(Files.isDirectory(GUM), "GUM not available");
        Path model = TinyModelDirectory.write(tmp.resolve("tiny"), 31);
        JsonNode whole = run(model, tmp.resolve("whole"), -1);
        assertTrue(whole.path("uas").has("attention + word vectors (random-init BERT)"), whole.toString());
        for (long stop : new long[]{25, 55}) {
            Path out = tmp.resolve("stopped-" + stop);
            String[] args = args(model, out, stop);
            assertNotEquals(0, Main.run(args), "the run with --stop-after " + stop + " must stop");
            assertTrue(Files.exists(out.resolve("probe.checkpoint.json")), "checkpoint after the stop");
            assertTrue(!Files.exists(out.resolve("probe.json")), "no result before the run is complete");
            JsonNode resumed = run(model, out, -1);
            assertEquals(whole.path("uas"), resumed.path("uas"), "stopped after " + stop + " sentences, then resumed");
        }
    }

    private static JsonNode run(Path model, Path out, long stop) throws IOException {
        assertEquals(0, Main.run(args(model, out, stop)), "probe run");
        return JSON.readTree(out.resolve("probe.json").toFile());
    }

    private static String[] args(Path model, Path out, long stop) {
        return new String[]{"probe", "--model", model.toString(), "--train", GUM.resolve("en_gum-ud-train.conllu").toString(),
                "--dev", GUM.resolve("en_gum-ud-dev.conllu").toString(), "--train-limit", "40", "--dev-limit", "20",
                "--out", out.toString(), "--stop-after", String.valueOf(stop)};
    }
}
