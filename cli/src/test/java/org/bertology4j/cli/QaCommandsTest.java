package org.bertology4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.bertology4j.analysis.qa.SquadAnswer;
import org.bertology4j.analysis.qa.SquadArticle;
import org.bertology4j.analysis.qa.SquadDataset;
import org.bertology4j.analysis.qa.SquadParagraph;
import org.bertology4j.analysis.qa.SquadQuestion;
import org.bertology4j.analysis.qa.SquadWriter;
import org.bertology4j.distributed.TinyModelDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code finetune-qa}, {@code qa} and {@code qa-study} on a tiny model: files, the answer's JSON, refused values. */
class QaCommandsTest {
    @TempDir
    Path tmp;

    static final String CONTEXT = "In 1801, Zoë moved to Zürich. Ana O'Neill ran the café until 2003.";

    @Test
    void finetuneThenAnswerThenStudy() throws Exception {
        Path pre = TinyModelDirectory.write(tmp.resolve("pre"), 2);
        List<SquadQuestion> qs = List.of(
                new SquadQuestion("a", "Who moved to Zürich?", List.of(new SquadAnswer("Zoë", CONTEXT.indexOf("Zoë"))), false, List.of()),
                new SquadQuestion("b", "Who ran the café?", List.of(new SquadAnswer("Ana O'Neill", CONTEXT.indexOf("Ana"))), false, List.of()),
                new SquadQuestion("c", "When did Ana stop?", List.of(new SquadAnswer("2003", CONTEXT.indexOf("2003"))), false, List.of()),
                new SquadQuestion("n", "Who baked bread?", List.of(), true, List.of()));
        Path data = tmp.resolve("data.json");
        SquadWriter.write(data, new SquadDataset(SquadDataset.V2, List.of(new SquadArticle("t", List.of(new SquadParagraph(CONTEXT, qs))))));
        Path out = tmp.resolve("qa");
        CliRun r = run("finetune-qa", "--model", pre.toString(), "--train", data.toString(), "--dev", data.toString(),
                "--out", out.toString(), "--epochs", "1", "--batch", "2", "--max-seq-length", "32", "--doc-stride", "8");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("dev exact "), r.out());
        assertTrue(Files.isRegularFile(out.resolve("model.safetensors")) && Files.isRegularFile(out.resolve("qa-eval.json")));

        r = run("qa", "--model", out.toString(), "--question", "Who moved to Zürich?", "--context", CONTEXT);
        assertEquals(0, r.code(), r.err());
        JsonNode a = Json.MAPPER.readTree(r.out());
        JsonNode span = a.path("best_span");
        String text = span.path("text").asText();
        assertEquals(text, CONTEXT.substring(span.path("start").asInt(), span.path("end").asInt()), "code points = chars here");
        assertTrue(a.has("answer") && a.has("score_diff") && a.has("null_score"), r.out());
        assertEquals(a.path("no_answer").asBoolean(), a.path("answer").asText().isEmpty());

        r = run("qa-study", "--model", out.toString(), "--data", data.toString(), "--out", tmp.resolve("study").toString(),
                "--max-seq-length", "32", "--doc-stride", "8");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("4 questions; "), r.out());
        assertTrue(Files.isRegularFile(tmp.resolve("study/qa-study.md")));

        r = run("qa", "--model", pre.toString(), "--question", "Who?", "--context", CONTEXT, "--doc-stride", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: --doc-stride 0: must be at least 1"), r.err());
        r = run("finetune-qa", "--model", pre.toString(), "--train", tmp.resolve("missing.json").toString(), "--dev", data.toString(),
                "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--train") && r.err().contains("does not exist"), r.err());
    }

    private static CliRun run(String... args) { return CliRun.of(args); }
}
