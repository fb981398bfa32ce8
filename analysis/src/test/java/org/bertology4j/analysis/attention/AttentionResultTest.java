package org.bertology4j.analysis.attention;

import com.fasterxml.jackson.databind.JsonNode;
import org.bertology4j.distributed.TinyModelDirectory;
import org.bertology4j.io.JsonFiles;
import org.bertology4j.io.Npy;
import org.bertology4j.tokenizer.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** One input's attention and hidden states on the tiny model: the files hold exactly the result's arrays. */
class AttentionResultTest {
    @TempDir
    Path tmp;

    @Test
    void filesHoldTheArraysOfTheResult() throws Exception {
        TinyModelDirectory.Loaded tiny = TinyModelDirectory.shared();
        Encoding enc = tiny.tokenizer().encodePair("Who wrote it?", "Jane did.");
        AttentionResult r = AttentionResult.compute(tiny.model(), enc);
        int t = enc.length(), layers = 2, heads = 4, hidden = 32;
        assertEquals(layers, r.layers());
        assertEquals(hidden, r.hiddenSize());
        for (float[][][] l : r.attention()) {
            for (float[][] h : l) {
                for (float[] row : h) {
                    double sum = 0;
                    for (float v : row) sum += v;
                    assertEquals(1.0, sum, 1e-5, "attention rows are distributions");
                }
            }
        }

        Path out = tmp.resolve("out");
        List<Path> files = r.write(out, true);
        assertEquals(List.of("attention.npy", "hidden.npy", "tokens.json", "attention-layer01.png", "attention-layer02.png"),
                files.stream().map(f -> f.getFileName().toString()).toList());
        Npy.Float32Array att = Npy.readFloat32(out.resolve("attention.npy"));
        assertArrayEquals(new long[]{layers, heads, t, t}, att.shape());
        assertEquals(r.attention()[1][3][t - 1][2], att.data()[((1 * heads + 3) * t + t - 1) * t + 2]);
        Npy.Float32Array hid = Npy.readFloat32(out.resolve("hidden.npy"));
        assertArrayEquals(new long[]{layers + 1, t, hidden}, hid.shape());
        assertEquals(r.hidden()[2][5 * hidden + 7], hid.data()[(2 * t + 5) * hidden + 7]);
        JsonNode tokens = JsonFiles.MAPPER.readTree(out.resolve("tokens.json").toFile());
        assertEquals(1, tokens.get("segment_ids").get(t - 1).asInt(), "the pair's second segment");
        assertEquals(enc.pieces()[1], tokens.get("pieces").get(1).asText());
    }
}
