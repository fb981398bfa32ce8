package org.bertology4j.core.flow;

import org.bertology4j.core.TinyModels;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** G and G* into chosen target tokens equal the same rows of the full maps (tiny float64 BERT). */
class TargetedJacobianNormsTest {
    final BertModel model = BertModel.random(TinyModels.tiny(), 11, DataType.DOUBLE);
    final JacobianNorms norms = new JacobianNorms(model);

    @Test
    void targetRowsEqualTheFullMapsRows() {
        ForwardTrace tr = norms.forward(JacobianNormsTest.padded());
        int[] targets = {4, 1, 4}; // out of order and repeated: each row is its own target
        for (JacobianNorms.Measure m : JacobianNorms.Measure.values()) {
            double[][][] g = norms.gradient(tr, m), gs = norms.gradientFromEmbeddings(tr, m);
            double[][][] tg = norms.gradient(tr, m, targets), tgs = norms.gradientFromEmbeddings(tr, m, targets);
            assertEquals(tr.numLayers(), tg.length);
            for (int n = 0; n < tr.numLayers(); n++) {
                assertEquals(targets.length, tg[n].length);
                double[][] rows = new double[targets.length][], rowsStar = new double[targets.length][];
                for (int k = 0; k < targets.length; k++) {
                    rows[k] = g[n][targets[k]];
                    rowsStar[k] = gs[n][targets[k]];
                }
                JacobianNormsTest.assertClose(m + " G_" + n, rows, tg[n], 1e-12);
                JacobianNormsTest.assertClose(m + " G*_" + n, rowsStar, tgs[n], 1e-12);
            }
        }
    }

    /** G* with the targets carried down in groups of one (the row bound of the stacked sweep) equals one group. */
    @Test
    void stackedSweepInGroupsEqualsOneGroup() {
        ForwardTrace tr = norms.forward(JacobianNormsTest.padded());
        int t = tr.seqLen(), layers = tr.numLayers();
        int[] targets = {0, 2, 3, 6, 1};
        double[][][] whole = norms.gradientFromEmbeddings(tr, JacobianNorms.Measure.ONES_VJP, targets, layers * t * targets.length);
        for (int rows : new int[]{1, layers * t, 2 * layers * t + 1}) {
            double[][][] grouped = norms.gradientFromEmbeddings(tr, JacobianNorms.Measure.ONES_VJP, targets, rows);
            for (int n = 0; n < layers; n++) JacobianNormsTest.assertClose("rows " + rows + " G*_" + n, whole[n], grouped[n], 1e-12);
        }
    }

    @Test
    void targetsOutsideTheSequenceAreRefused() {
        ForwardTrace tr = norms.forward(JacobianNormsTest.plain());
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> norms.gradient(tr, JacobianNorms.Measure.ONES_VJP, new int[]{1, 5}));
        assertEquals("target token 5 not in [0, 5)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> norms.gradientFromEmbeddings(tr, JacobianNorms.Measure.ONES_VJP, new int[0]));
    }
}
