package org.bertology4j.core.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizerPartsTest {

    @Test
    void adamWMatchesTheUpdateWrittenOut() {
        INDArray w = Nd4j.create(new double[]{1.0, -2.0}, new long[]{2}, DataType.DOUBLE);
        INDArray b = Nd4j.create(new double[]{0.5}, new long[]{1}, DataType.DOUBLE);
        AdamW opt = new AdamW(List.of(new Parameter("w", w, true), new Parameter("b", b, false)), 0.9, 0.999, 1e-8, 0.1);
        double[] g1 = {0.3, -0.1}, g2 = {-0.2, 0.4};
        double lr = 0.01;
        // by hand, two steps, element 0 of w (decayed)
        double m = 0, v = 0, x = 1.0;
        for (int s = 1; s <= 2; s++) {
            double g = s == 1 ? g1[0] : g2[0];
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            x = x * (1 - lr * 0.1);
            x -= lr * (m / (1 - Math.pow(0.9, s))) / (Math.sqrt(v / (1 - Math.pow(0.999, s))) + 1e-8);
        }
        opt.step(List.of(Nd4j.create(g1, new long[]{2}, DataType.DOUBLE), Nd4j.create(new double[]{1}, new long[]{1}, DataType.DOUBLE)), lr);
        opt.step(List.of(Nd4j.create(g2, new long[]{2}, DataType.DOUBLE), Nd4j.create(new double[]{1}, new long[]{1}, DataType.DOUBLE)), lr);
        assertEquals(x, w.getDouble(0), 1e-14);
        // bias: no decay, constant gradient 1 → m̂/√v̂ = 1 each step
        assertEquals(0.5 - 2 * lr, b.getDouble(0), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> opt.step(List.of(), lr));
    }

    @Test
    void scheduleWarmsUpThenDecaysToZero() {
        LinearSchedule s = new LinearSchedule(1.0, 10, 110);
        assertEquals(0.1, s.at(1), 1e-12);
        assertEquals(1.0, s.at(10), 1e-12);
        assertEquals(0.5, s.at(60), 1e-12);
        assertEquals(0.0, s.at(110), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new LinearSchedule(1.0, 20, 10));
    }

    @Test
    void batcherCoversEveryExampleOnceAndIsSeeded() {
        List<TrainingExample> ex = TrainingFixtures.synthetic(103, 1);
        LengthBatcher b = new LengthBatcher(8, 4);
        List<int[]> plan = b.plan(ex, 5, 0);
        assertEquals(b.batchesPerEpoch(103), plan.size());
        Set<Integer> seen = new HashSet<>();
        int spread = 0;
        for (int[] batch : plan) {
            int lo = Integer.MAX_VALUE, hi = 0;
            for (int i : batch) {
                assertTrue(seen.add(i), "example " + i + " twice");
                lo = Math.min(lo, ex.get(i).length());
                hi = Math.max(hi, ex.get(i).length());
            }
            spread += hi - lo;
        }
        assertEquals(103, seen.size());
        assertTrue(spread < plan.size() * 3, "batches group similar lengths (total spread " + spread + ")");
        assertEquals(flat(plan), flat(b.plan(ex, 5, 0)));
        assertNotEquals(flat(plan), flat(b.plan(ex, 5, 1)));
    }

    private static List<Integer> flat(List<int[]> plan) {
        List<Integer> l = new ArrayList<>();
        for (int[] a : plan) for (int i : a) l.add(i);
        return l;
    }
}
