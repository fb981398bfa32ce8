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
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code finetune} on gum-genre with a tiny model, then {@code --evaluate-only} on its output: the re-evaluated
 * fine-tuned accuracy equals the training run's, and each frozen baseline gets an exact McNemar test.
 */
class FinetuneEvaluateTest {
    static final Path GUM = GumData.dir();

    @TempDir
    Path tmp;

    @Test
    void evaluateOnlyAddsPairedTestsConsistentWithTheRun() throws IOException {
        assumeTrue(Files.isDirectory(GUM), "GUM not available");
        Path model = TinyModelDirectory.write(tmp.resolve("tiny"), 41), out = tmp.resolve("ft");
        String[] common = {"--task", "gum-genre", "--gum", GUM.toString(), "--model", model.toString(), "--out", out.toString(),
                "--max-train", "24", "--max-dev", "16", "--max-length", "32", "--batch-size", "8", "--epochs", "1"};
        assertEquals(0, Main.run(concat(new String[]{"finetune"}, common)), "finetune");
        JsonNode run = new ObjectMapper().readTree(out.resolve("finetune.json").toFile());
        assertTrue(run.path("paired_tests").has("finetuned_vs_frozen_cls_logreg"), run.toString());
        assertEquals(0, Main.run(concat(new String[]{"finetune", "--evaluate-only"}, common)), "finetune --evaluate-only");
        JsonNode ev = new ObjectMapper().readTree(out.resolve("finetune.json").toFile());
        assertEquals(run.path("finetuned_dev_accuracy").asDouble(), ev.path("finetuned_dev_accuracy_evaluated").asDouble(), 1e-12);
        JsonNode t = ev.path("paired_tests").path("finetuned_vs_frozen_cls_logreg");
        double p = t.path("mcnemar_exact_p").asDouble(-1);
        assertTrue(p >= 0 && p <= 1, t.toString());
        assertTrue(t.path("finetuned_only_correct").asLong() + t.path("baseline_only_correct").asLong() <= 16, t.toString());
        assertEquals(run.path("updates").asLong(), ev.path("updates").asLong(), "the run's report is kept");
    }

    @Test
    void randomInitRunIsPairedWithThePretrainedOneAndTheAnalysesRun() throws IOException {
        assumeTrue(Files.isDirectory(GUM), "GUM not available");
        Path model = TinyModelDirectory.write(tmp.resolve("tiny"), 41), pre = tmp.resolve("pre"), rnd = tmp.resolve("rnd");
        String[] common = {"--task", "gum-genre", "--gum", GUM.toString(), "--model", model.toString(), "--max-train", "24",
                "--max-dev", "16", "--max-length", "32", "--batch-size", "8", "--epochs", "1", "--no-frozen-baseline"};
        assertEquals(0, Main.run(concat(new String[]{"finetune", "--out", pre.toString()}, common)));
        assertEquals(0, Main.run(concat(new String[]{"finetune", "--random-init", "--paired-with", pre.resolve("finetune.json").toString(),
                "--out", rnd.toString()}, common)));
        JsonNode a = new ObjectMapper().readTree(pre.resolve("finetune.json").toFile()), b = new ObjectMapper().readTree(rnd.resolve("finetune.json").toFile());
        assertEquals("pre-trained", a.path("init").asText());
        assertTrue(b.path("init").asText().startsWith("random: N(0, 0.02^2)"), b.path("init").asText());
        JsonNode t = b.path("paired_tests").path("finetuned_vs_other_run");
        assertEquals("pre", t.path("other_run").asText());
        assertEquals(a.path("finetuned_dev_accuracy").asDouble(), t.path("other_dev_accuracy").asDouble(), 1e-12);
        long only = 0, otherOnly = 0;
        for (int i = 0; i < a.path("dev_gold_labels").size(); i++) {
            int g = a.path("dev_gold_labels").get(i).asInt();
            boolean ra = a.path("finetuned_dev_predictions").get(i).asInt() == g, rb = b.path("finetuned_dev_predictions").get(i).asInt() == g;
            if (rb && !ra) only++;
            if (ra && !rb) otherOnly++;
        }
        assertEquals(only, t.path("this_only_correct").asLong());
        assertEquals(otherOnly, t.path("other_only_correct").asLong());
        // a run on other dev examples is refused
        String[] otherDev = common.clone();
        otherDev[java.util.Arrays.asList(otherDev).indexOf("--max-dev") + 1] = "12";
        assertEquals(1, Main.run(concat(new String[]{"finetune", "--evaluate-only", "--random-init", "--paired-with",
                pre.resolve("finetune.json").toString(), "--out", rnd.toString()}, otherDev)));

        // the analyses on the fine-tuned tiny model
        String[] task = {"--task", "gum-genre", "--gum", GUM.toString(), "--max-examples", "12", "--max-length", "32"};
        assertEquals(0, Main.run(concat(new String[]{"disable-heads", "--layers-only", "--model", pre.resolve("model").toString(),
                "--out", tmp.resolve("dis").toString()}, task)));
        JsonNode dis = new ObjectMapper().readTree(tmp.resolve("dis/disable-heads.json").toFile());
        assertEquals(2, dis.path("layers").size());
        assertTrue(dis.path("layers").get(0).has("mcnemar_exact_p") && !dis.has("heads_ranked_by_change"), dis.toString());
        for (String c : new String[]{"cls-attention", "token-to-token"}) {
            assertEquals(0, Main.run(concat(new String[]{c, "--model", model.toString(), "--out", tmp.resolve(c).toString()}, task)), c);
            assertTrue(Files.isRegularFile(tmp.resolve(c).resolve(c + ".json")), c);
        }
        assertEquals(0, Main.run(concat(new String[]{"token-classes", "--score", "row-max", "--model", model.toString(), "--out",
                tmp.resolve("tc").toString()}, task)));
        assertEquals("ROW_MAX", new ObjectMapper().readTree(tmp.resolve("tc/token-classes.json").toFile()).path("score").asText());
        assertEquals(2, Main.run(concat(new String[]{"token-classes", "--score", "rows", "--model", model.toString(), "--out",
                tmp.resolve("tc2").toString()}, task)), "an unknown score is a usage error");
        assertEquals(0, Main.run(concat(new String[]{"patterns", "--sensitivity", "--model", model.toString(), "--out",
                tmp.resolve("pat").toString()}, task)));
        assertEquals(9, new ObjectMapper().readTree(tmp.resolve("pat/patterns-sensitivity.json").toFile()).path("rules").size());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
