package org.bertology4j.analysis.flow;

import org.bertology4j.core.flow.JacobianNorms;
import org.bertology4j.distributed.TinyModelDirectory;
import org.bertology4j.io.Npy;
import org.bertology4j.tokenizer.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Piece-level flow of one input on the 2-layer tiny model: the three arrays and their figures. */
class PieceFlowResultTest {
    @TempDir
    Path tmp;

    @Test
    void arraysAndFiguresOfEveryMeasure() throws Exception {
        TinyModelDirectory.Loaded tiny = TinyModelDirectory.shared();
        Encoding enc = tiny.tokenizer().encode("The cat sat on it.");
        PieceFlowResult r = PieceFlowResult.compute(tiny.model(), enc, JacobianNorms.Measure.ONES_VJP);
        Path out = tmp.resolve("out");
        // two layers: each measure's grid has fewer maps than columns
        assertEquals(List.of("A.npy", "A.png", "G.npy", "G.png", "Gstar.npy", "Gstar.png", "tokens.json"),
                r.write(out, true).stream().map(f -> f.getFileName().toString()).toList());
        int t = enc.length();
        Npy.Float32Array g = Npy.readFloat32(out.resolve("G.npy"));
        assertArrayEquals(new long[]{2, t, t}, g.shape());
        assertEquals((float) r.maps().gradient()[1][3][2], g.data()[(t + 3) * t + 2]);
        assertEquals(r.gradientFloat(false)[1][3][2], g.data()[(t + 3) * t + 2]);
        Npy.Float32Array gs = Npy.readFloat32(out.resolve("Gstar.npy"));
        assertEquals(r.gradientFloat(true)[0][t - 1][1], gs.data()[(t - 1) * t + 1]);
        Npy.Float32Array a = Npy.readFloat32(out.resolve("A.npy"));
        assertEquals((float) r.maps().attention()[0][2][2], a.data()[2 * t + 2]);
        assertEquals(List.of("A.npy", "G.npy", "Gstar.npy", "tokens.json"),
                r.write(tmp.resolve("no-plots"), false).stream().map(f -> f.getFileName().toString()).toList());
    }
}
