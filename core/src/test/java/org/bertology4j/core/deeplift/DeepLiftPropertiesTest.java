package org.bertology4j.core.deeplift;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

import static org.bertology4j.core.deeplift.DeepLiftFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Antisymmetry, zeros, linearity in the target, averaging, the gradient limit, and input checks. */
class DeepLiftPropertiesTest {
    final BertModel model = model(DataType.DOUBLE);
    final DeepLift deepLift = new DeepLift(model, SPECIAL);

    @Test
    void stackedForwardIsTheEnginesForward() {
        BertInput in = paddedPair();
        ForwardTrace tr = model.forward(in, TraceOptions.builder().keepHiddenStates().build());
        INDArray words = new ReferenceBuilder(model.weights(), SPECIAL).inputWords(in.ids()[0]);
        StackedForward f = StackedForward.run(model, in, Nd4j.concat(0, words, words), 2);
        for (int n = 0; n <= CFG.numHiddenLayers(); n++) {
            INDArray engine = tr.hidden(n).reshape(in.seqLen(), CFG.hiddenSize());
            for (int item = 0; item < 2; item++) {
                double d = f.rows(f.hidden(n), item).sub(engine).amaxNumber().doubleValue();
                assertTrue(d < 1e-12, "h_" + n + " item " + item + " differs from BertModel.forward by " + d);
            }
        }
    }

    @Test
    void antisymmetricInInputAndReference() {
        List<Target> targets = List.of(Target.maskedLm(2, 13), Target.classLogit(2), Target.qaEndAt(5));
        List<Attribution> ab = deepLift.attribute(paddedPair(), Reference.of(otherPair()), targets);
        List<Attribution> ba = deepLift.attribute(otherPair(), Reference.of(paddedPair()), targets);
        for (int i = 0; i < targets.size(); i++) {
            Attribution x = ab.get(i), y = ba.get(i);
            assertEquals(x.delta(), -y.delta(), 1e-12);
            double scale = sumAbs(x.tokenScores());
            for (int t = 0; t < x.length(); t++) {
                assertEquals(x.tokenScores()[t], -y.tokenScores()[t], 1e-10 * scale, targets.get(i) + " token " + t);
                for (int n = 0; n <= x.numLayers(); n++) {
                    assertEquals(x.layerScores()[n][t], -y.layerScores()[n][t], 1e-10 * scale, targets.get(i) + " layer " + n + " token " + t);
                }
            }
        }
    }

    @Test
    void tokensEqualToTheReferenceGetExactlyZero() {
        // otherPair differs from paddedPair only at positions 2, 3, 6.
        Attribution a = deepLift.attribute(paddedPair(), Reference.of(otherPair()), Target.maskedLm(2, 13));
        for (int t = 0; t < a.length(); t++) {
            if (t == 2 || t == 3 || t == 6) assertTrue(a.tokenScores()[t] != 0, "changed token " + t);
            else assertEquals(0.0, a.tokenScores()[t], 0.0, "unchanged token " + t);
        }
        // [PAD] reference: [CLS], [SEP] and padding are kept, so they get 0.
        Attribution p = deepLift.attribute(paddedPair(), Reference.pad(), Target.qaStart());
        for (int t : new int[]{0, 4, 7, 8, 9}) assertEquals(0.0, p.tokenScores()[t], 0.0, "kept token " + t);
    }

    @Test
    void inputEqualToReferenceGivesAllZeros() {
        Attribution a = deepLift.attribute(paddedPair(), Reference.of(paddedPair()), Target.maskedLm(2, 13));
        assertEquals(0.0, a.delta(), 0.0);
        for (double s : a.tokenScores()) assertEquals(0.0, s, 0.0);
        for (double[] row : a.layerScores()) for (double s : row) assertEquals(0.0, s, 0.0);
        for (double[] row : a.embeddingMultipliers()) for (double m : row) assertTrue(Double.isFinite(m), "finite multipliers");
    }

    @Test
    void linearInTheTargetAndBatchingChangesNothing() {
        Target a = Target.maskedLm(3, 21), b = Target.qaStart();
        Target combo = Target.combination(new double[]{2.0, -0.5}, a, b);
        List<Attribution> r = deepLift.attribute(paddedPair(), Reference.mask(), List.of(a, b, combo));
        Attribution alone = deepLift.attribute(paddedPair(), Reference.mask(), a);
        double scale = sumAbs(r.get(0).tokenScores()) + sumAbs(r.get(1).tokenScores());
        assertEquals(2 * r.get(0).delta() - 0.5 * r.get(1).delta(), r.get(2).delta(), 1e-12);
        for (int t = 0; t < alone.length(); t++) {
            assertEquals(2 * r.get(0).tokenScores()[t] - 0.5 * r.get(1).tokenScores()[t], r.get(2).tokenScores()[t], 1e-12 * scale);
            assertEquals(alone.tokenScores()[t], r.get(0).tokenScores()[t], 1e-13 * scale, "batched = alone");
            for (int n = 0; n <= alone.numLayers(); n++) {
                assertEquals(2 * r.get(0).layerScores()[n][t] - 0.5 * r.get(1).layerScores()[n][t], r.get(2).layerScores()[n][t], 1e-12 * scale);
            }
        }
    }

    @Test
    void averageOfReferencesIsTheMeanOfTheAttributions() {
        Target tg = Target.maskedLm(6, 9);
        Attribution p = deepLift.attribute(paddedPair(), Reference.pad(), tg);
        Attribution m = deepLift.attribute(paddedPair(), Reference.mask(), tg);
        Attribution z = deepLift.attribute(paddedPair(), Reference.zeroEmbedding(), tg);
        Attribution avg = deepLift.attribute(paddedPair(), Reference.average(Reference.pad(), Reference.average(Reference.mask(), Reference.zeroEmbedding())), tg);
        assertEquals(3, avg.referenceCount());
        assertEquals((p.targetReference() + m.targetReference() + z.targetReference()) / 3, avg.targetReference(), 1e-12);
        for (int t = 0; t < p.length(); t++) {
            assertEquals((p.tokenScores()[t] + m.tokenScores()[t] + z.tokenScores()[t]) / 3, avg.tokenScores()[t], 1e-12);
        }
    }

    /**
     * Reference → input along a direction δ: score_t/ε → ∇_{e_t} f · δ_t, compared with a central
     * finite difference of the target moving only token t's word vector. The error is O(ε).
     */
    @Test
    void approachesGradientTimesDeltaAsReferenceApproachesInput() {
        BertInput in = paddedPair();
        Target tg = Target.maskedLm(2, 13);
        INDArray words = new ReferenceBuilder(model.weights(), SPECIAL).inputWords(in.ids()[0]);
        Random r = new Random(3);
        double[] dir = new double[(int) words.length()];
        for (int i = 0; i < dir.length; i++) dir[i] = r.nextGaussian();
        INDArray delta = Nd4j.create(dir, words.shape(), 'c');
        double eps = 1e-6;
        Attribution a = deepLift.attribute(in, Reference.ofEmbeddings(words.sub(delta.mul(eps))), tg);
        double h = 1e-4;
        for (int t = 0; t < in.seqLen(); t++) {
            INDArray plus = words.dup(), minus = words.dup();
            plus.getRow(t).addi(delta.getRow(t).mul(h));
            minus.getRow(t).subi(delta.getRow(t).mul(h));
            double fd = (valueAt(in, plus, tg) - valueAt(in, minus, tg)) / (2 * h);
            assertEquals(fd, a.tokenScores()[t] / eps, 1e-5 * (1 + Math.abs(fd)), "token " + t);
            // Multipliers themselves approach the gradient: compare along the same direction.
            double md = 0;
            for (int j = 0; j < CFG.hiddenSize(); j++) md += a.embeddingMultipliers()[t][j] * delta.getDouble(t, j);
            assertEquals(fd, md, 1e-5 * (1 + Math.abs(fd)), "multiplier·δ token " + t);
        }
    }

    /** The target on given word vectors, through an independent path: it is the reference value of an attribution. */
    private double valueAt(BertInput in, INDArray words, Target tg) {
        return deepLift.attribute(in, Reference.ofEmbeddings(words), tg).targetReference();
    }

    @Test
    void badInputsAreRejectedWithClearMessages() {
        BertInput batch = BertInput.of(new int[][]{{2, 5, 3}, {2, 6, 3}});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> deepLift.attribute(batch, Target.qaStart()))
                .getMessage().contains("one sequence"));
        BertInput shorter = BertInput.of(new int[][]{{2, 5, 3}});
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> deepLift.attribute(paddedPair(), Reference.of(shorter), Target.qaStart())).getMessage().contains("length"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> deepLift.attribute(paddedPair(), Target.maskedLm(10, 1))).getMessage().contains("position"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> deepLift.attribute(paddedPair(), Target.classLogit(3))).getMessage().contains("labels"));
        // BERT's [MASK]=103 is outside the tiny vocabulary of 50:
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new DeepLift(model).attribute(paddedPair(), Reference.mask(), Target.qaStart())).getMessage().contains("[MASK]"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> deepLift.attribute(paddedPair(), Reference.ofEmbeddings(Nd4j.zeros(3, 16)), Target.qaStart())).getMessage().contains("[10, 16]"));
    }
}
