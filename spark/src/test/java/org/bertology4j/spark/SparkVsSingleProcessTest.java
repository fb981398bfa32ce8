package org.bertology4j.spark;

import org.bertology4j.distributed.JsonComparison;
import org.bertology4j.distributed.TinyModelDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.analysis.surface.SurfaceAccumulator;
import org.bertology4j.cli.Main;
import org.bertology4j.distributed.AnalysisModel;
import org.bertology4j.distributed.CorpusAnalyses;
import org.bertology4j.distributed.CorpusFormat;
import org.bertology4j.distributed.CorpusJob;
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
 * Spark {@code local[2]} against the single-process CLI on all of GUM dev, with a tiny random BERT so that it is
 * quick: the JSON results must be the same (numbers within 1e-9 relative).
 */
class SparkVsSingleProcessTest {
    static final Path GUM_DEV = Path.of("/work/shared/data/ud-english-gum/en_gum-ud-dev.conllu");
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
        assertTrue(r[0].path("sentences").asLong() > 1000, "sentences analysed: " + r[0].path("sentences"));
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
    void surfaceOnASubsetThroughSparkEqualsOnePass() throws IOException {
        CorpusJob<SurfaceAccumulator> job = CorpusJob.of(CorpusAnalyses.surface(), GUM_DEV.toString(), CorpusFormat.CONLLU,
                model.toString(), false, 128, 6, 3);
        SurfaceAccumulator spark = new SparkCorpusRunner().run("local[2]", job);
        List<Document> docs = ConlluReader.readDocuments(GUM_DEV).subList(0, 6);
        AnalysisModel m = AnalysisModel.load(model);
        SurfaceAccumulator single = new SurfaceAccumulator(2, 4);
        CorpusAnalyses.surface().run(docs.iterator(), m, job, single, -1);
        assertTrue(single.sequences() >= 6, "sequences: " + single.sequences());
        assertEquals(single.sequences(), spark.sequences());
        JsonComparison.assertClose(JSON.readTree(single.toJson().toString()), JSON.readTree(spark.toJson().toString()), 1e-9);
    }

    /** Runs {@code command} in this process and with {@code --spark local[2]}; returns both result files. */
    private static JsonNode[] runBoth(String command, String resultFile) throws IOException {
        Path single = tmp.resolve(command + "-single"), spark = tmp.resolve(command + "-spark");
        assertEquals(0, Main.run(command, "--conllu", GUM_DEV.toString(), "--model", model.toString(), "--out",
                single.toString(), "--no-plots"), command + " single-process run failed");
        assertEquals(0, Main.run(command, "--conllu", GUM_DEV.toString(), "--model", model.toString(), "--out",
                spark.toString(), "--no-plots", "--spark", "local[2]"), command + " Spark run failed");
        assertTrue(Files.readString(spark.resolve(command + ".md")).contains("Run through Spark (local[2])"),
                "the --spark run must go through Spark");
        return new JsonNode[]{JSON.readTree(single.resolve(resultFile).toFile()), JSON.readTree(spark.resolve(resultFile).toFile())};
    }

    private static void assertModelLoadedOncePerJvm() {
        // local[2]: both tasks (and all runs of this class) share the one model of this JVM.
        assertEquals(1, ExecutorModels.loaded(), "models loaded in this JVM");
    }
}
