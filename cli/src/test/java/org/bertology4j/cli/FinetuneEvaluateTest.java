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

    private static String[] concat(String[] a, String[] b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
