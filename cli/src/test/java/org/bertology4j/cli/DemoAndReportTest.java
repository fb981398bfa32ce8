package org.bertology4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bertology4j.analysis.conllu.GumData;
import org.bertology4j.distributed.TinyModelDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code demo} and {@code report} on the tiny model: every section written, a failing analysis reported, not fatal. */
class DemoAndReportTest {
    @TempDir
    Path tmp;

    @Test
    void demoWritesEverySectionAndItsIndex() throws Exception {
        // 2 layers: the flow figures' grid has fewer maps than columns (once an IndexOutOfBounds in XChart)
        Path model = TinyModelDirectory.write(tmp.resolve("tiny"), 7), out = tmp.resolve("demo");
        assertEquals(0, Main.run("demo", "--model", model.toString(), "--out", out.toString()));
        JsonNode index = new ObjectMapper().readTree(out.resolve("index.json").toFile());
        assertEquals(7, index.path("sections").size(), index.toString());
        for (JsonNode s : index.path("sections")) {
            for (JsonNode f : s.path("files")) assertTrue(Files.isRegularFile(out.resolve(f.asText())), f.asText());
        }
        assertEquals("text", new ObjectMapper().readTree(out.resolve("fill-mask.json").toFile()).fieldNames().next());
    }

    @Test
    void reportGathersTheAnalysesAndNamesTheOneThatFailed() throws Exception {
        Path model = TinyModelDirectory.write(tmp.resolve("tiny"), 7), out = tmp.resolve("report");
        // one document is too little for cluster: it fails, the others are still reported
        assertEquals(1, Main.run("report", "--model", model.toString(), "--conllu", GumData.dev().toString(), "--out", out.toString(),
                "--limit", "8", "--doc-limit", "1", "--skip", "flow"));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Single heads as dependency parsers"), "heads section");
        assertTrue(html.contains("Command: <code>./bertology4j heads --model " + model), "the equivalent command line");
        assertTrue(html.contains("This analysis failed (cluster failed: "), "cluster's failure, named with its reason");
        assertTrue(Files.isRegularFile(out.resolve("heads/heads.json")) && Files.isRegularFile(out.resolve("coref/coref.json")));
    }
}
