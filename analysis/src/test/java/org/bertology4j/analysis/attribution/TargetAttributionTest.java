package org.bertology4j.analysis.attribution;

import org.bertology4j.core.attribution.Quadrature;
import org.bertology4j.core.deeplift.Reference;
import org.bertology4j.core.deeplift.Target;
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

/** The token-score files hold the computed scores, one row per documented row; only the methods asked for run. */
class TargetAttributionTest {
    @TempDir
    Path tmp;

    @Test
    void filesHoldTheScores() throws Exception {
        TinyModelDirectory.Loaded tiny = TinyModelDirectory.shared();
        Encoding enc = tiny.tokenizer().encode("The cat sat on the mat.");
        int t = enc.length(), layers = tiny.model().config().numHiddenLayers();
        TargetAttribution a = TargetAttribution.compute(tiny.model(), tiny.tokenizer().vocabulary(), enc, Target.maskedLm(2, 7),
                List.of(TargetAttribution.Method.values()), Reference.pad(), Quadrature.gaussLegendre(8));
        List<Object> entries = a.writeMethods(tmp, new java.util.ArrayList<>());
        assertEquals(4, entries.size());
        Npy.Float32Array ig = Npy.readFloat32(tmp.resolve("ig.npy"));
        assertArrayEquals(new long[]{1, t}, ig.shape());
        assertEquals((float) a.integratedGradients().tokenScores()[2], ig.data()[2]);
        assertArrayEquals(new long[]{1, t}, Npy.readFloat32(tmp.resolve("grad-input.npy")).shape());
        assertArrayEquals(new long[]{layers, t}, Npy.readFloat32(tmp.resolve("attn-grad.npy")).shape());
        assertArrayEquals(new long[]{layers, t, t}, Npy.readFloat32(tmp.resolve("attn-grad-maps.npy")).shape());
        Npy.Float32Array dl = Npy.readFloat32(tmp.resolve("deeplift.npy"));
        assertArrayEquals(new long[]{layers + 2, t}, dl.shape());
        assertEquals((float) a.deepLift().layerScores()[layers][3], dl.data()[(layers + 1) * t + 3]);

        TargetAttribution only = TargetAttribution.compute(tiny.model(), tiny.tokenizer().vocabulary(), enc, Target.maskedLm(2, 7),
                List.of(TargetAttribution.Method.GRAD_INPUT), Reference.pad(), Quadrature.gaussLegendre(8));
        assertNull(only.integratedGradients());
        assertNull(only.deepLift());
        assertEquals(List.of(TargetAttribution.Method.GRAD_INPUT), List.copyOf(only.tokenRows().keySet()));
    }
}
