package org.bertology4j.spark;

import org.bertology4j.analysis.conllu.GumData;
import org.bertology4j.distributed.JsonComparison;
import org.bertology4j.distributed.TinyModelDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bertology4j.cli.Main;
import org.bertology4j.distributed.DistributedRunners;
import org.bertology4j.distributed.ExecutorModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Spark {@code local[2]} against the single-process CLI on GUM dev (the whole of it with -Dgum.dir, else the excerpt), with a tiny random BERT so that it is
 * quick: the JSON results must be the same (numbers within 1e-9 relative).
 */
class SparkVsSingleProcessTest {
    static final Path GUM_DEV = GumData.dev();
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    static Path model;

    @BeforeAll
    static void setUp() throws IOException {
        assumeTrue(Files.isRegularFile(GUM_DEV), "GUM dev not available");
        model = TinyModelDirectory.write(tmp.resolve("tiny-bert"), 23);
    }

    @Test
    void theServiceLoaderFindsTheSparkRunner() {
        assertInstanceOf(SparkCorpusRunner.class, DistributedRunners.find());
    }

    @Test
    void headsThroughSparkEqualsSingleProcess() throws IOException {
        JsonNode[] r = runBoth("heads", "heads.json");
        assertTrue(r[0].path("sentences").asLong() > 100, "sentences analysed: " + r[0].path("sentences"));
        JsonComparison.assertClose(r[0], r[1], 1e-9);
        assertModelLoadedOncePerJvm();
    }

    @Test
    void corefThroughSparkEqualsSingleProcess() throws IOException {
        JsonNode[] r = runBoth("coref", "coref.json");
        assertTrue(r[0].toString().length() > 1000, "coref result too small: " + r[0]);
        JsonComparison.assertClose(r[0], r[1], 1e-9);
        assertModelLoadedOncePerJvm();
    }

    @Test
    void surfaceWithGradientsThroughSparkEqualsSingleProcess() throws IOException {
        JsonNode[] r = runBoth("surface", "surface-gradients.json", "--limit", "6");
        JsonComparison.assertClose(r[0], r[1], 1e-9);
        JsonNode[] s = read("surface", "surface.json");
        assertTrue(s[0].path("sequences").asLong() >= 6, "sequences: " + s[0].path("sequences"));
        JsonComparison.assertClose(s[0], s[1], 1e-9);
    }

    @Test
    void clusterThroughSparkEqualsSingleProcess() throws IOException {
        JsonNode[] r = runBoth("cluster", "cluster.json", "--limit", "6");
        assertTrue(r[0].path("sequences").asLong() >= 6, "sequences: " + r[0].path("sequences"));
        JsonComparison.assertClose(r[0].path("distances"), r[1].path("distances"), 1e-9);
    }

    @Test
    void sampledFlowThroughSparkEqualsSingleProcess() throws IOException {
        JsonNode[] r = runBoth("flow-pos", "flow.json", "--every", "2", "--limit", "60");
        assertEquals(60, r[0].path("sentencesSeen").asLong(), r[0].toString().substring(0, 200));
        JsonComparison.assertClose(r[0], r[1], 1e-9);
    }

    @Test
    void sparkRefusesASequenceCap() {
        assertEquals(2, Main.run("surface", "--conllu", GUM_DEV.toString(), "--model", model.toString(), "--out",
                tmp.resolve("capped").toString(), "--max-sequences", "5", "--spark", "local[2]"));
    }

    /** Runs {@code command} in this process and with {@code --spark local[2]}; returns both result files. */
    private static JsonNode[] runBoth(String command, String resultFile, String... options) throws IOException {
        Path single = tmp.resolve(command + "-single"), spark = tmp.resolve(command + "-spark");
        List<String> args = new java.util.ArrayList<>(List.of(command, "--conllu", GUM_DEV.toString(), "--model",
                model.toString(), "--no-plots"));
        args.addAll(List.of(options));
        List<String> singleArgs = new java.util.ArrayList<>(args), sparkArgs = new java.util.ArrayList<>(args);
        singleArgs.addAll(List.of("--out", single.toString()));
        sparkArgs.addAll(List.of("--out", spark.toString(), "--spark", "local[2]"));
        assertEquals(0, Main.run(singleArgs.toArray(String[]::new)), command + " single-process run failed");
        assertEquals(0, Main.run(sparkArgs.toArray(String[]::new)), command + " Spark run failed");
        String note = command.startsWith("flow") ? "flow-timing.txt" : command + ".md";
        assertTrue(Files.readString(spark.resolve(note)).contains("Run through Spark (local[2])"),
                "the --spark run must go through Spark");
        assertTrue(!Files.readString(single.resolve(note)).contains("Run through Spark"), "the single run must not");
        return read(command, resultFile);
    }

    /** Both runs' {@code resultFile}. */
    private static JsonNode[] read(String command, String resultFile) throws IOException {
        Path single = tmp.resolve(command + "-single"), spark = tmp.resolve(command + "-spark");
        return new JsonNode[]{JSON.readTree(single.resolve(resultFile).toFile()), JSON.readTree(spark.resolve(resultFile).toFile())};
    }

    private static void assertModelLoadedOncePerJvm() {
        // local[2]: both tasks (and all runs of this class) share the one model of this JVM.
        assertEquals(1, ExecutorModels.loaded(), "models loaded in this JVM");
    }
}
