package org.bertology4j.analysis.attribution;

import org.bertology4j.distributed.TinyModelDirectory;
import org.bertology4j.io.Npy;
import org.bertology4j.tokenizer.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The files hold exactly the computed maps, in the documented layout; only the methods asked for are computed. */
class AttentionAttributionTest {
    @TempDir
    Path tmp;

    @Test
    void filesHoldTheMaps() throws Exception {
        TinyModelDirectory.Loaded tiny = TinyModelDirectory.shared();
        Encoding enc = tiny.tokenizer().encode("The cat sat on the mat.");
        int t = enc.length();
        AttentionAttribution a = AttentionAttribution.compute(tiny.model(), enc,
                List.of(AttentionAttribution.Method.ROLLOUT, AttentionAttribution.Method.FLOW, AttentionAttribution.Method.VALUE_NORM));
        List<Path> files = a.write(tmp);
        assertEquals(List.of("rollout.npy", "flow.npy", "value-norm.npy", "tokens.json", "attribution.json"),
                files.stream().map(f -> f.getFileName().toString()).toList());
        Npy.Float32Array rollout = Npy.readFloat32(tmp.resolve("rollout.npy"));
        assertArrayEquals(new long[]{2, t, t}, rollout.shape());
        assertEquals((float) a.rollout()[1][t - 1][2], rollout.data()[(t + t - 1) * t + 2]);
        Npy.Float32Array flow = Npy.readFloat32(tmp.resolve("flow.npy"));
        assertArrayEquals(new long[]{1, t, t}, flow.shape());
        assertEquals((float) a.flow()[0][3][1], flow.data()[3 * t + 1]);
        assertArrayEquals(new long[]{2, t, t}, Npy.readFloat32(tmp.resolve("value-norm.npy")).shape());

        AttentionAttribution only = AttentionAttribution.compute(tiny.model(), enc, List.of(AttentionAttribution.Method.ROLLOUT));
        assertNull(only.flow());
        assertNull(only.valueNorm());
    }
}
