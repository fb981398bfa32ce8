package org.bertology4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.bertology4j.distributed.TinyModelDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** attribute (all methods), view with every method, similarity and embed end to end on a tiny model directory; bad options fail. */
class AttributionCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void attributeSimilarityAndEmbedWriteTheirResults() throws Exception {
        Path model = TinyModelDirectory.write(tmp.resolve("tiny"), 31);
        Path out = tmp.resolve("attr");
        assertEquals(0, Main.run(new String[]{"attribute", "--model", model.toString(), "--text", "The cat sat on the mat.",
                "--method", "rollout,ig,grad-input,attn-grad,deeplift", "--target", "mlm:2:7", "--steps", "8", "--out", out.toString()}));
        JsonNode index = Json.MAPPER.readTree(out.resolve("attribution.json").toFile());
        assertEquals(5, index.get("files").size());
        for (String f : new String[]{"rollout.npy", "ig.npy", "grad-input.npy", "attn-grad.npy", "attn-grad-maps.npy", "deeplift.npy", "tokens.json"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertNotEquals(0, Main.run(new String[]{"attribute", "--model", model.toString(), "--text", "The cat sat.",
                "--method", "ig", "--out", tmp.resolve("no-target").toString()}), "ig without --target must fail");
        assertNotEquals(0, Main.run(new String[]{"attribute", "--model", model.toString(), "--text", "The cat sat.",
                "--method", "ig", "--target", "mlm:1:7", "--steps", "0", "--out", tmp.resolve("no-steps").toString()}));

        Path sim = tmp.resolve("sim");
        assertEquals(0, Main.run(new String[]{"similarity", "--model", model.toString(), "--text", "The cat sat on the mat.",
                "--text", "A cat sat.", "--steps", "8", "--out", sim.toString()}));
        JsonNode s = Json.MAPPER.readTree(sim.resolve("similarity.json").toFile());
        assertEquals(s.get("delta").asDouble(), s.get("deeplift").get("share_a").asDouble() + s.get("deeplift").get("share_b").asDouble(), 1e-5);
        assertTrue(Files.isRegularFile(sim.resolve("similarity.html")));
        assertNotEquals(0, Main.run(new String[]{"similarity", "--model", model.toString(), "--text", "only one", "--out", tmp.resolve("one").toString()}));

        assertEquals(0, Main.run(new String[]{"embed", "--model", model.toString(), "--text", "The cat sat."}));
        assertNotEquals(0, Main.run(new String[]{"embed", "--model", model.toString(), "--text", "x", "--role", "question"}));
    }

    @Test
    void viewTakesTheAttentionMapsAndTargetMethodsAndNamesTheValidOnes() throws Exception {
        Path model = TinyModelDirectory.write(tmp.resolve("tiny"), 31);
        Path page = tmp.resolve("view.html");
        CliRun ok = CliRun.of("view", "--model", model.toString(), "--text", "The cat sat on the [MASK].", "--no-flow",
                "--methods", "rollout,flow,value-norm,grad-input", "--out", page.toString());
        assertEquals(0, ok.code(), ok.err());
        String html = Files.readString(page);
        for (String id : new String[]{"rollout", "flow", "value-norm", "value-norm-mixed", "grad-input"}) {
            assertTrue(html.contains("\"id\":\"" + id + "\""), id + " missing from the page");
        }
        CliRun unknown = CliRun.of("view", "--model", tmp.resolve("no-model").toString(), "--text", "x",
                "--methods", "rollout,saliency", "--out", tmp.resolve("u.html").toString());
        assertNotEquals(0, unknown.code());
        assertTrue(unknown.err().contains("--methods: unknown method 'saliency' (rollout, flow, value-norm, ig, grad-input, attn-grad, deeplift)"),
                unknown.err());
        CliRun noTarget = CliRun.of("view", "--model", model.toString(), "--text", "The cat sat.", "--no-flow",
                "--methods", "ig", "--out", tmp.resolve("t.html").toString());
        assertNotEquals(0, noTarget.code());
        assertTrue(noTarget.err().contains("[ig] explain a target"), noTarget.err());
        CliRun attribute = CliRun.of("attribute", "--model", model.toString(), "--text", "x", "--method", "flows",
                "--out", tmp.resolve("a").toString());
        assertTrue(attribute.err().contains("--method: unknown method 'flows' (rollout, flow"), attribute.err());
    }
}
