package org.bertology4j.core.deeplift;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** k-means over per-layer token score vectors: planted groups are recovered, seeded runs repeat. */
class AttributionClusteringTest {
    /** Tokens 0..2 carry the score early (layers 0-1), tokens 3..5 late (layers 2-3); token 6 is padding. */
    static Attribution planted(double scale, double jitter) {
        double[][] layers = new double[4][7];
        for (int t = 0; t < 6; t++) {
            for (int n = 0; n < 4; n++) {
                boolean early = t < 3;
                layers[n][t] = scale * (((n < 2) == early ? 1.0 : 0.05) + jitter * ((t * 7 + n * 3) % 5 - 2) / 100.0);
            }
        }
        return new Attribution(Target.qaStart(), new double[7], layers, 1, 0, 0, new double[4], new double[7][1], 1);
    }

    @Test
    void recoversPlantedGroupsAcrossExamplesOfDifferentScale() {
        List<Attribution> as = List.of(planted(1, 1), planted(40, 2), planted(0.01, 1.5));
        List<int[]> masks = new ArrayList<>();
        for (int i = 0; i < 3; i++) masks.add(new int[]{1, 1, 1, 1, 1, 1, 0});
        AttributionClustering.Result r = AttributionClustering.cluster(as, masks, 2, 5);
        assertEquals(18, r.points().size());
        int early = r.assignments(0, 7)[0];
        for (int e = 0; e < 3; e++) {
            int[] a = r.assignments(e, 7);
            for (int t = 0; t < 3; t++) assertEquals(early, a[t], "example " + e + " token " + t);
            for (int t = 3; t < 6; t++) assertNotEquals(early, a[t], "example " + e + " token " + t);
            assertEquals(-1, a[6], "padding is not clustered");
        }
        AttributionClustering.Result again = AttributionClustering.cluster(as, masks, 2, 5);
        for (int c = 0; c < 2; c++) assertArrayEquals(r.centroids()[c], again.centroids()[c], 0.0, "seeded runs repeat");
    }

    @Test
    void rejectsMoreClustersThanTokens() {
        assertThrows(IllegalArgumentException.class,
                () -> AttributionClustering.cluster(List.of(planted(1, 0)), List.of(new int[]{1, 0, 0, 0, 0, 0, 0}), 2, 1));
    }
}
