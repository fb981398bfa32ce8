package org.bertology4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.bertology4j.analysis.conllu.GumData;
import org.bertology4j.analysis.qa.SquadDataset;
import org.bertology4j.analysis.qa.SquadReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code qa-data}: SQuAD 2.0 JSON and its statistics from a treebank; bad option values refused by name. */
class QaDataCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheDataSetAndItsStatisticsBesideIt() throws Exception {
        Path out = tmp.resolve("sub/gum-dev.json");
        CliRun r = run("qa-data", "--conllu", GumData.dev().toString(), "--out", out.toString(), "--seed", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("rule     candidates  questions    skipped   failed") && r.out().contains("wrote " + out), r.out());
        SquadDataset d = SquadReader.readFile(out);
        assertEquals("v2.0", d.version());
        JsonNode stats = Json.MAPPER.readTree(tmp.resolve("sub/gum-dev.stats.json").toFile());
        assertEquals(d.size(), stats.get("questions").get("total").asInt());
        assertEquals(3, stats.get("seed").asInt());
        assertEquals(QaDataCommand.statsFile(Path.of("x.data")), Path.of("x.data.stats.json"));
    }

    @Test
    void badValuesAreRefusedBeforeAnythingIsRead() throws Exception {
        Path out = tmp.resolve("o.json");
        CliRun r = run("qa-data", "--conllu", GumData.dev().toString(), "--out", out.toString(), "--unanswerable-share", "1");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: --unanswerable-share 1.0: must be at least 0 and below 1"), r.err());
        r = run("qa-data", "--conllu", GumData.dev().toString(), "--out", tmp.toString());
        assertTrue(r.err().startsWith("error: --out " + tmp + ": is a directory"), r.err());
        Path broken = Files.writeString(tmp.resolve("bad.conllu"), "1\ta\ta\tX\tX\t_\t5\troot\t_\t_\n\n");
        r = run("qa-data", "--conllu", broken.toString(), "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: bad.conllu:1: HEAD 5 of word 1 out of range"), r.err());
        assertFalse(Files.exists(out));
    }

    private static CliRun run(String... args) { return CliRun.of(args); }
}
