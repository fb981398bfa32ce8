package org.bertology4j.analysis.deeplift;

import com.fasterxml.jackson.databind.JsonNode;
import org.bertology4j.core.deeplift.Reference;
import org.bertology4j.core.deeplift.Target;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.distributed.TinyModelDirectory;
import org.bertology4j.io.JsonFiles;
import org.bertology4j.io.Npy;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.tokenizer.Vocabulary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DeepLIFT of one input on the tiny model: targets by name, completeness per layer, the files. */
class DeepLiftResultTest {
    @TempDir
    static Path tmp;
    static BertModel model;
    static BertTokenizer tokenizer;

    @BeforeAll
    static void tiny() throws Exception {
        model = TinyModelDirectory.shared().model();
        tokenizer = TinyModelDirectory.shared().tokenizer();
    }

    @Test
    void targetsAreParsedAgainstTheInput() {
        Vocabulary v = tokenizer.vocabulary();
        Encoding enc = tokenizer.encode("The capital of France is [MASK].");
        int mask = List.of(enc.pieces()).indexOf("[MASK]");
        assertEquals(Target.maskedLm(mask, v.id("paris")).toString(), DeepLiftTargets.parse("mlm:mask:paris", enc, v).toString());
        assertEquals(Target.maskedLm(2, 1000).toString(), DeepLiftTargets.parse("mlm:2:1000", enc, v).toString());
        assertEquals(Target.classLogit(1).toString(), DeepLiftTargets.parse("class:1", enc, v).toString());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeepLiftTargets.parse("mlm:99:paris", enc, v))
                .getMessage().contains("position 99"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeepLiftTargets.parse("mlm:mask:notawordpiecezz", enc, v))
                .getMessage().contains("'notawordpiecezz' is not in the vocabulary"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeepLiftTargets.parse("mlm:mask:paris",
                tokenizer.encode("No mask here."), v)).getMessage().contains("no [MASK]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeepLiftTargets.parse("class:x", enc, v))
                .getMessage().contains("'x' is not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeepLiftTargets.reference("ones"))
                .getMessage().contains("unknown reference 'ones'"));
    }

    @Test
    void scoresAddUpAndTheFilesHoldThem() throws Exception {
        Vocabulary v = tokenizer.vocabulary();
        Encoding enc = tokenizer.encode("The capital of France is [MASK].");
        DeepLiftResult r = DeepLiftResult.compute(model, v, enc, DeepLiftTargets.parse("mlm:mask:paris", enc, v),
                DeepLiftTargets.reference("pad"));
        double[][] s = r.attribution().layerScores();
        for (double[] row : s) {
            double sum = 0;
            for (double x : row) sum += x;
            assertEquals(r.attribution().delta(), sum, 1e-3 * Math.max(1, Math.abs(r.attribution().delta())), "completeness");
        }
        Path out = tmp.resolve("out");
        assertEquals(List.of("scores.npy", "tokens.json", "deeplift.json", "deeplift.png"),
                r.write(out).stream().map(f -> f.getFileName().toString()).toList());
        Npy.Float32Array scores = Npy.readFloat32(out.resolve("scores.npy"));
        assertArrayEquals(new long[]{3, enc.length()}, scores.shape());
        assertArrayEquals(r.layerScoresFloat()[2], java.util.Arrays.copyOfRange(scores.data(), 2 * enc.length(), 3 * enc.length()));
        JsonNode json = JsonFiles.MAPPER.readTree(out.resolve("deeplift.json").toFile());
        assertEquals(r.attribution().delta(), json.get("delta").asDouble());
        assertEquals(r.attribution().target().toString(), json.get("target").asText());
        assertTrue(java.nio.file.Files.isRegularFile(out.resolve("deeplift.svg")));
        assertEquals(Reference.pad().getClass(), DeepLiftTargets.reference("pad").getClass());
    }
}
