package org.bertology4j.core.attribution;

import org.bertology4j.core.TinyModels;
import org.bertology4j.core.deeplift.SpecialTokens;
import org.bertology4j.core.deeplift.Target;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.weights.BertConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/** Tiny float64 models, inputs and a scalar evaluator shared by the attribution tests. */
final class AttributionFixtures {
    private AttributionFixtures() {}

    /** Tiny vocabulary: [PAD]=0, [CLS]=2, [SEP]=3, [MASK]=4. */
    static final SpecialTokens SPECIAL = new SpecialTokens(0, 2, 3, 4);
    static final BertConfig CFG = TinyModels.tiny();

    static BertModel model() { return BertModel.random(CFG, 42, DataType.DOUBLE); }

    /** [CLS] a b c [SEP] d e [SEP] [PAD] [PAD]: two segments, two padded positions. */
    static BertInput paddedPair() {
        return BertInput.of(new int[][]{{2, 7, 13, 21, 3, 44, 5, 3, 0, 0}}, new int[][]{{0, 0, 0, 0, 0, 1, 1, 1, 0, 0}},
                new int[][]{{1, 1, 1, 1, 1, 1, 1, 1, 0, 0}});
    }

    /** The targets every test runs: a masked-LM logit, a class logit, a QA logit at the argmax, a combination. */
    static List<Target> targets() {
        return List.of(Target.maskedLm(2, 13), Target.classLogit(1), Target.qaStart(),
                Target.maskedLm(6, 9).times(2).plus(Target.qaEndAt(5).times(-0.5)));
    }

    /** F at the given word vectors [T, H] of the input's sequence (the resolved target). */
    static double value(BertModel model, BertInput input, Target resolved, INDArray words) {
        return PathGradients.values(model, input, resolved, words)[0];
    }

    /** F with the given forward options (interventions) from the input's ids. */
    static double value(BertModel model, BertInput input, Target resolved, TraceOptions options) {
        return TargetGradient.of(model, resolved, model.forward(input, options).lastHiddenRows(), 1, input.seqLen()).values()[0];
    }

    static double sum(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s;
    }
}
