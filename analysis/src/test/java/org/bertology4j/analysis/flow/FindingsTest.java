package org.bertology4j.analysis.flow;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Peaks of per-layer curves and the per-layer findings read off them. */
class FindingsTest {
    @Test
    void peaksAreLocalMaximaHighestFirst() {
        List<LayerPeaks.Peak> p = LayerPeaks.of(new double[]{3, 1, 2, 2, 5, 4, Double.NaN, 6, 1});
        // 0 (end above its neighbour), 4, 7 (NaN neighbour does not block); the plateau 2, 2 is no peak
        assertEquals(List.of(new LayerPeaks.Peak(7, 6), new LayerPeaks.Peak(4, 5), new LayerPeaks.Peak(0, 3)), p);
        assertEquals(List.of(), LayerPeaks.of(new double[]{1, 1, 1}));
        assertEquals(List.of(new LayerPeaks.Peak(0, 1)), LayerPeaks.of(new double[]{1}));
        assertEquals(7, LayerPeaks.argMax(new double[]{3, 1, 2, 2, 5, 4, Double.NaN, 6, 1}));
        assertEquals(-1, LayerPeaks.argMax(new double[]{Double.NaN}));
    }

    private static Comparison comparison(double[] m1, double[] m2) {
        List<WelchResult> layers = new ArrayList<>();
        for (int n = 0; n < m1.length; n++) {
            // groups of values mean ± 1 so that t is defined and grows with the difference
            layers.add(WelchResult.of(new double[]{m1[n] - 1, m1[n] + 1, m1[n]}, new double[]{m2[n] - 1, m2[n] + 1, m2[n]}));
        }
        return new Comparison(layers, layers.get(0));
    }

    @Test
    void findingsNameThePeaksAndTheOpenClassLayers() {
        Comparison coref = comparison(new double[]{1, 5, 2, 3, 9, 4}, new double[]{1, 1, 1, 1, 8, 1});
        Comparison pos = comparison(new double[]{10, 6, 5, 4, 3, 2.8}, new double[]{4, 5, 5, 5, 2, 1});
        FlowFindings f = FlowFindings.of(Map.of("G", coref), Map.of("A", pos));
        FlowFindings.CorefPeaks g = f.coref().get("G");
        assertEquals(List.of(4, 1), g.coreferent().stream().map(LayerPeaks.Peak::layer).toList());
        // difference 0 4 1 2 1 3: peaks at 1, 3, 5
        assertEquals(List.of(1, 5, 3), g.difference().stream().map(LayerPeaks.Peak::layer).toList());
        assertEquals(1, g.largestT());
        FlowFindings.OpenClassLayers a = f.pos().get("A");
        assertEquals(0, a.largestDifference());
        assertEquals(0, a.largestT());
        assertEquals(5, a.largestRatio()); // ratios 2.5 at layer 0, 2.8 at layer 5
        assertEquals(List.of(3), a.closedAhead()); // 4 < 5 at layer 3; equal at 2 is not "ahead"
        assertNull(FlowFindings.of(Map.of("G", coref), null).pos());
    }
}
