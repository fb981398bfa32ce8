package org.bertology4j.analysis.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The peaks of a per-layer curve, as the study names them ("peaks for coreference in layers 6 and 10", "main peaks
 * at layers 4 and 8", section 4): the local maxima, a layer whose value is above both neighbours (an end layer above
 * its one neighbour), highest first. Undefined (NaN) values are neither peaks nor neighbours that block one.
 */
public final class LayerPeaks {
    private LayerPeaks() {}

    /** One peak: 0-based layer and value. */
    public record Peak(int layer, double value) {}

    /** The local maxima of {@code y} (index = 0-based layer), highest first (ties: lower layer first). */
    public static List<Peak> of(double[] y) {
        List<Peak> out = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) continue;
            boolean left = i == 0 || !Double.isFinite(y[i - 1]) || y[i] > y[i - 1];
            boolean right = i == y.length - 1 || !Double.isFinite(y[i + 1]) || y[i] > y[i + 1];
            if (left && right) out.add(new Peak(i, y[i]));
        }
        out.sort(Comparator.comparingDouble(Peak::value).reversed().thenComparingInt(Peak::layer));
        return out;
    }

    /** The layer of the largest finite value, or -1 when there is none (ties: the lower layer). */
    public static int argMax(double[] y) {
        int best = -1;
        for (int i = 0; i < y.length; i++) if (Double.isFinite(y[i]) && (best < 0 || y[i] > y[best])) best = i;
        return best;
    }
}
