package org.bertology4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bertology4j.analysis.conllu.GumData;
import org.bertology4j.core.model.RandomBertWeights;
import org.bertology4j.distributed.TinyModelDirectory;
import org.bertology4j.weights.BertConfig;
import org.bertology4j.weights.MapTensorSource;
import org.bertology4j.weights.Tensor;
import org.bertology4j.weights.safetensors.SafetensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code demo} and {@code report} on the tiny model: every section written, a failing analysis reported, not fatal. */
class DemoAndReportTest {
    @TempDir
    Path tmp;

    @Test
    void demoWritesEverySectionAndItsIndex() throws Exception {
        Path model = fourLayers(TinyModelDirectory.write(tmp.resolve("tiny"), 7)), out = tmp.resolve("demo");
        assertEquals(0, Main.run("demo", "--model", model.toString(), "--out", out.toString()));
        JsonNode index = new ObjectMapper().readTree(out.resolve("index.json").toFile());
        assertEquals(7, index.path("sections").size(), index.toString());
        for (JsonNode s : index.path("sections")) {
            for (JsonNode f : s.path("files")) assertTrue(Files.isRegularFile(out.resolve(f.asText())), f.asText());
        }
        assertEquals("text", new ObjectMapper().readTree(out.resolve("fill-mask.json").toFile()).fieldNames().next());
    }

    /**
     * The tiny model with 4 layers instead of 2: the flow figures' grid (Plots.heatmapGrid) needs a full row of
     * layers and fails on 2 (xchart's BitmapEncoder.mergeImages: IndexOutOfBounds), as before these changes.
     */
    static Path fourLayers(Path dir) throws Exception {
        BertConfig c = new BertConfig(BertConfig.read(dir.resolve("config.json")).vocabSize(), 32, 4, 4, 64,
                "gelu", 512, 2, 1e-12, 0);
        Files.writeString(dir.resolve("config.json"), c.toJson());
        MapTensorSource t = RandomBertWeights.tensors(c, 7);
        List<Tensor> tensors = new ArrayList<>();
        for (String n : t.names()) tensors.add(t.get(n));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors, Map.of());
        return dir;
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
