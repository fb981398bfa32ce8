package org.bertology4j.analysis.kovaleva;

import org.bertology4j.core.TinyModels;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.core.train.ClassifierEvaluation;
import org.bertology4j.core.train.TrainingExample;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class KovalevaStudiesTest {

    static List<TrainingExample> examples(int n, long seed, boolean pairs) {
        Random r = new Random(seed);
        List<TrainingExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 4 + r.nextInt(8);
            int[] ids = new int[len], seg = new int[len];
            ids[0] = 1;
            for (int j = 1; j < len - 1; j++) ids[j] = 5 + r.nextInt(45);
            ids[len - 1] = 2;
            if (pairs) {
                int mid = len / 2;
                ids[mid] = 2;
                for (int j = mid + 1; j < len; j++) seg[j] = 1;
            }
            out.add(TrainingExample.classification(ids, seg, r.nextInt(3)));
        }
        return out;
    }

    @Test
    void partialReRunEqualsFullForwardWithDisabledHeads() {
        BertModel m = BertModel.random(TinyModels.tiny(), 21, DataType.DOUBLE);
        List<TrainingExample> ex = examples(30, 2, true);
        HeadDisabling study = new HeadDisabling(m, ex, 7);
        assertArrayEquals(ClassifierEvaluation.predict(m, ex, 8, TraceOptions.none()), study.predict(0));
        int differing = 0;
        for (int l = 0; l < 2; l++) {
            for (int h = 0; h < 4; h++) {
                int[] full = ClassifierEvaluation.predict(m, ex, 8, TraceOptions.builder().disableHead(l, h).build());
                assertArrayEquals(full, study.predict(l, h), "layer " + l + " head " + h);
                if (!java.util.Arrays.equals(full, study.predict(0))) differing++;
            }
            TraceOptions.Builder all = TraceOptions.builder();
            for (int h = 0; h < 4; h++) all.disableHead(l, h);
            assertArrayEquals(ClassifierEvaluation.predict(m, ex, 8, all.build()), study.predict(l, 0, 1, 2, 3));
        }
        assertNotEquals(0, differing, "disabling heads should change some predictions of a random model");
        HeadDisabling.Result r = study.run(i -> {});
        assertEquals(study.accuracy(study.predict(1, 2)), r.headDisabled()[1][2], 0.0);
    }

    @Test
    void attentionChangeIsOneForTheSameModelAndLowerForAnother() {
        BertModel a = BertModel.random(TinyModels.tiny(), 1, DataType.DOUBLE);
        BertModel b = BertModel.random(TinyModels.tiny(), 2, DataType.DOUBLE);
        List<TrainingExample> ex = examples(6, 3, false);
        double[][] same = AttentionChange.meanCosine(a, a, ex, 4);
        double[][] diff = AttentionChange.meanCosine(a, b, ex, 4);
        for (int l = 0; l < 2; l++) {
            for (int h = 0; h < 4; h++) {
                assertEquals(1.0, same[l][h], 1e-12);
                assertEquals(true, diff[l][h] < 0.999, "different models, head " + l + "," + h + ": " + diff[l][h]);
            }
        }
        assertEquals(0.0, AttentionChange.cosine(new double[]{1, 0}, new double[]{0, 1}), 0.0);
        assertEquals(Math.sqrt(0.5), AttentionChange.cosine(new double[]{1, 1}, new double[]{0, 3}), 1e-15);
    }

    @Test
    void tokenClassScoreIsOneForUniformAndLengthForOneHot() {
        int n = 5;
        double[] uniform = new double[n * n], onCls = new double[n * n];
        java.util.Arrays.fill(uniform, 1.0 / n);
        for (int i = 0; i < n; i++) onCls[i * n] = 1.0;
        boolean[][] member = new boolean[TokenClass.values().length][n];
        member[TokenClass.CLS.ordinal()][0] = true;
        member[TokenClass.NOUN.ordinal()][2] = true;
        member[TokenClass.NOUN.ordinal()][3] = true;
        TokenClassAttention acc = new TokenClassAttention(1, 2);
        acc.add(new AttentionMaps(1, 2, n, new double[][]{uniform, onCls}), member);
        assertEquals(1.0, acc.scores(TokenClass.CLS)[0][0], 1e-12);
        assertEquals(n, acc.scores(TokenClass.CLS)[0][1], 1e-12);
        assertEquals(1.0, acc.scores(TokenClass.NOUN)[0][0], 1e-12);   // max over the two nouns: 1/n each row
        assertEquals(0.0, acc.scores(TokenClass.NOUN)[0][1], 1e-12);
        assertEquals(0, acc.examples(TokenClass.VERB));
        assertEquals(true, Double.isNaN(acc.scores(TokenClass.VERB)[0][0]));
    }
}
