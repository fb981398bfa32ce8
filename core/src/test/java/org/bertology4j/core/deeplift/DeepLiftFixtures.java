package org.bertology4j.core.deeplift;

import org.bertology4j.core.TinyModels;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.weights.BertConfig;
import org.nd4j.linalg.api.buffer.DataType;

/** Tiny float64 models and inputs shared by the DeepLIFT tests. */
final class DeepLiftFixtures {
    private DeepLiftFixtures() {}

    /** Tiny vocabulary: [PAD]=0, [CLS]=2, [SEP]=3, [MASK]=4. */
    static final SpecialTokens SPECIAL = new SpecialTokens(0, 2, 3, 4);

    static final BertConfig CFG = TinyModels.tiny();

    static BertModel model(DataType type) { return BertModel.random(CFG, 42, type); }

    /** [CLS] a b c [SEP] d e [SEP] [PAD] [PAD]: two segments, two padded positions. */
    static BertInput paddedPair() {
        int[][] ids = {{2, 7, 13, 21, 3, 44, 5, 3, 0, 0}};
        int[][] seg = {{0, 0, 0, 0, 0, 1, 1, 1, 0, 0}};
        int[][] mask = {{1, 1, 1, 1, 1, 1, 1, 1, 0, 0}};
        return BertInput.of(ids, seg, mask);
    }

    /** The same shape with other content tokens at positions 2, 3 and 6. */
    static BertInput otherPair() {
        int[][] ids = {{2, 7, 30, 11, 3, 44, 17, 3, 0, 0}};
        int[][] seg = {{0, 0, 0, 0, 0, 1, 1, 1, 0, 0}};
        int[][] mask = {{1, 1, 1, 1, 1, 1, 1, 1, 0, 0}};
        return BertInput.of(ids, seg, mask);
    }

    static double sum(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s;
    }

    static double sumAbs(double[] a) {
        double s = 0;
        for (double v : a) s += Math.abs(v);
        return s;
    }
}
