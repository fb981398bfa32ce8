package org.bertology4j.core.deeplift;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;

import static org.bertology4j.core.deeplift.DeepLiftFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End-to-end summation-to-delta on a tiny float64 BERT, and the negative control. */
class DeepLiftCompletenessTest {
    static final double TOL = 1e-10;
    final BertModel model = model(DataType.DOUBLE);
    final DeepLift deepLift = new DeepLift(model, SPECIAL);

    static List<Target> allTargets() {
        return List.of(Target.maskedLm(2, 13), Target.maskedLm(6, 9), Target.classLogit(1), Target.qaStart(), Target.qaEnd(),
                Target.maskedLm(3, 21).times(2).plus(Target.classLogit(0).times(-0.5)));
    }

    @Test
    void contributionsAddUpToDeltaForEveryTargetReferenceAndLayer() {
        double worst = 0;
        for (Reference ref : List.of(Reference.pad(), Reference.mask(), Reference.zeroEmbedding(), Reference.of(otherPair()),
                Reference.average(Reference.pad(), Reference.mask()))) {
            for (Attribution a : deepLift.attribute(paddedPair(), ref, allTargets())) {
                String what = a.target() + " vs " + ref;
                assertTrue(Math.abs(a.delta()) > 1e-3, what + ": Δtarget should be non-trivial, got " + a.delta());
                assertTrue(a.relativeResidual() < TOL, what + ": token residual " + a.relativeResidual());
                assertTrue(a.maxRelativeLayerResidual() < TOL, what + ": layer residual " + a.maxRelativeLayerResidual());
                assertEquals(a.delta(), sum(a.tokenScores()), TOL * Math.abs(a.delta()), what);
                worst = Math.max(worst, Math.max(a.relativeResidual(), a.maxRelativeLayerResidual()));
            }
        }
        System.out.println("worst relative residual over targets, references and layers: " + worst);
    }

    @Test
    void completeWithTheTanhGeluFormToo() {
        BertModel tanh = BertModel.fromTensors(CFG, org.bertology4j.core.model.RandomBertWeights.tensors(CFG, 42), 
                org.bertology4j.core.model.LoadOptions.of(DataType.DOUBLE).withHiddenAct("gelu_new"));
        for (Attribution a : new DeepLift(tanh, SPECIAL).attribute(paddedPair(), Reference.pad(), allTargets())) {
            assertTrue(a.relativeResidual() < TOL && a.maxRelativeLayerResidual() < TOL, a.target() + ": " + a.relativeResidual());
        }
    }

    @Test
    void targetValuesMatchTheModelsOwnHeads() {
        BertInput in = paddedPair();
        ForwardTrace tr = model.forward(in, TraceOptions.none());
        ForwardTrace tr0 = model.forward(otherPair(), TraceOptions.none());
        Attribution mlm = deepLift.attribute(in, Reference.of(otherPair()), Target.maskedLm(2, 13));
        assertEquals(model.maskedLmLogits(tr, 0, 2).getDouble(13), mlm.targetInput(), 1e-10);
        assertEquals(model.maskedLmLogits(tr0, 0, 2).getDouble(13), mlm.targetReference(), 1e-10);
        Attribution cls = deepLift.attribute(in, Reference.of(otherPair()), Target.classLogit(1));
        assertEquals(model.sequenceClassificationLogits(tr).getDouble(0, 1), cls.targetInput(), 1e-10);
        assertEquals(model.sequenceClassificationLogits(tr0).getDouble(0, 1), cls.targetReference(), 1e-10);
        Attribution qa = deepLift.attribute(in, Reference.of(otherPair()), Target.qaStart());
        int argmax = qa.target().terms().get(0).position();
        var start = model.questionAnsweringLogits(tr).start();
        for (int t = 0; t < 8; t++) assertTrue(start.getDouble(0, t) <= start.getDouble(0, argmax), "argmax over real tokens");
        assertEquals(start.getDouble(0, argmax), qa.targetInput(), 1e-10);
        assertEquals(model.questionAnsweringLogits(tr0).start().getDouble(0, argmax), qa.targetReference(), 1e-10);
    }

    @Test
    void negativeControlPlainSoftmaxGradientBreaksCompleteness() {
        DeepLift broken = new DeepLift(model, SPECIAL, new GradientSoftmaxRule(), new DeepLiftLayerNormRule());
        Attribution a = broken.attribute(paddedPair(), Reference.pad(), Target.maskedLm(2, 13));
        System.out.println("negative control, plain softmax gradient: relative residual " + a.relativeResidual());
        assertTrue(a.relativeResidual() > 1e-4, "plain softmax gradient should not add up, residual " + a.relativeResidual());
    }

    @Test
    void negativeControlPlainLayerNormGradientBreaksCompleteness() {
        DeepLift broken = new DeepLift(model, SPECIAL, new LogMeanSoftmaxRule(), new GradientLayerNormRule());
        Attribution a = broken.attribute(paddedPair(), Reference.pad(), Target.maskedLm(2, 13));
        System.out.println("negative control, plain LayerNorm gradient: relative residual " + a.relativeResidual());
        assertTrue(a.relativeResidual() > 1e-4, "plain LayerNorm gradient should not add up, residual " + a.relativeResidual());
    }
}
