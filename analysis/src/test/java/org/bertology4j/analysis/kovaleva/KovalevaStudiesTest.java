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
        assertArrayEquals(study.predict(1, 2), r.headPredictions()[1][2]);
        assertArrayEquals(study.predict(0, 0, 1, 2, 3), r.layerPredictions()[0]);
        HeadDisabling.Result layers = study.run(i -> {}, false);
        assertEquals(false, layers.hasHeads());
        assertArrayEquals(r.layerDisabled(), layers.layerDisabled(), 0.0);
        assertEquals(true, Double.isNaN(layers.headDisabled()[0][0]));
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
    void rowMaxScoreIsOneForUniformAndLengthForOneHot() {
        int n = 5;
        double[] uniform = new double[n * n], onCls = new double[n * n];
        java.util.Arrays.fill(uniform, 1.0 / n);
        for (int i = 0; i < n; i++) onCls[i * n] = 1.0;
        boolean[][] member = new boolean[TokenClass.values().length][n];
        member[TokenClass.CLS.ordinal()][0] = true;
        member[TokenClass.NOUN.ordinal()][2] = true;
        member[TokenClass.NOUN.ordinal()][3] = true;
        TokenClassAttention acc = new TokenClassAttention(1, 2, TokenClassScore.ROW_MAX);
        acc.add(new AttentionMaps(1, 2, n, new double[][]{uniform, onCls}), member);
        assertEquals(1.0, acc.scores(TokenClass.CLS)[0][0], 1e-12);
        assertEquals(n, acc.scores(TokenClass.CLS)[0][1], 1e-12);
        assertEquals(1.0, acc.scores(TokenClass.NOUN)[0][0], 1e-12);   // max over the two nouns: 1/n each row
        assertEquals(0.0, acc.scores(TokenClass.NOUN)[0][1], 1e-12);
        assertEquals(0, acc.examples(TokenClass.VERB));
        assertEquals(true, Double.isNaN(acc.scores(TokenClass.VERB)[0][0]));
    }

    @Test
    void columnSumScoreIsThePapersAndDiffersFromTheRowMaximum() {
        // 4 tokens, class = tokens 1 and 2. Rows 0 and 1 put all their mass on token 1, rows 2 and 3 on token 2.
        int n = 4;
        double[] split = new double[n * n];
        split[0 * n + 1] = 1;
        split[1 * n + 1] = 1;
        split[2 * n + 2] = 1;
        split[3 * n + 2] = 1;
        boolean[] cls = {false, true, true, false};
        // the paper: each class token's column sum / n = 2/4; max over the two = 0.5
        assertEquals(0.5, TokenClassScore.COLUMN_SUM.of(split, n, cls), 1e-15);
        // the row maximum finds a class token with weight 1 in every row: 4, i.e. not n x the paper's (2)
        assertEquals(4.0, TokenClassScore.ROW_MAX.of(split, n, cls), 1e-15);
        double[] uniform = new double[n * n];
        java.util.Arrays.fill(uniform, 1.0 / n);
        assertEquals(1.0 / n, TokenClassScore.COLUMN_SUM.of(uniform, n, cls), 1e-15);
        // one class token: the row maximum is exactly n times the paper's score
        double[] rnd = new double[n * n];
        Random r = new Random(4);
        for (int i = 0; i < n; i++) {
            double z = 0;
            for (int j = 0; j < n; j++) z += rnd[i * n + j] = r.nextDouble();
            for (int j = 0; j < n; j++) rnd[i * n + j] /= z;
        }
        boolean[] one = {false, false, true, false};
        assertEquals(n * TokenClassScore.COLUMN_SUM.of(rnd, n, one), TokenClassScore.ROW_MAX.of(rnd, n, one), 1e-12);
        TokenClassAttention acc = new TokenClassAttention(1, 1, TokenClassScore.COLUMN_SUM);
        boolean[][] member = new boolean[TokenClass.values().length][n];
        member[TokenClass.NOUN.ordinal()] = cls;
        acc.add(new AttentionMaps(1, 1, n, new double[][]{split}), member);
        acc.add(new AttentionMaps(1, 1, n, new double[][]{uniform}), member);
        assertEquals((0.5 + 0.25) / 2, acc.scores(TokenClass.NOUN)[0][0], 1e-15, "mean over the examples with the class");
        assertEquals(0.25, acc.uniformScore(TokenClass.NOUN), 1e-15);
    }
}
