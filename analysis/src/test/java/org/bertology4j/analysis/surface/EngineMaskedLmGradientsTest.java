package org.bertology4j.analysis.surface;

import org.bertology4j.core.model.BertModel;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.weights.BertConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineMaskedLmGradientsTest {
    /** [CLS] + random content pieces (ids 1000..1499, one word each) + [SEP]. */
    static Encoding encoding(int length, Random rnd) {
        int[] ids = new int[length], seg = new int[length], mask = new int[length], words = new int[length];
        String[] pieces = new String[length];
        java.util.List<String> w = new java.util.ArrayList<>();
        for (int i = 0; i < length; i++) {
            ids[i] = i == 0 ? 101 : i == length - 1 ? 102 : 1000 + rnd.nextInt(500);
            mask[i] = 1;
            words[i] = i == 0 || i == length - 1 ? -1 : i - 1;
            pieces[i] = "p" + ids[i];
            if (words[i] >= 0) w.add(pieces[i]);
        }
        return new Encoding(ids, pieces, seg, mask, new int[length][2], words, w, false);
    }

    @Test
    void masksFifteenPercentOfContentPiecesDeterministically() {
        Encoding e = encoding(42, new Random(1));                      // 40 content pieces
        int[] p = EngineMaskedLmGradients.maskedPositions(e, 7);
        assertEquals(6, p.length);                                     // round(0.15 * 40)
        assertEquals(p.length, Arrays.stream(p).distinct().count());
        for (int pos : p) assertTrue(pos > 0 && pos < 41, "special token masked at " + pos);
        assertArrayEquals(p, EngineMaskedLmGradients.maskedPositions(e, 7));
        assertFalse(Arrays.equals(p, EngineMaskedLmGradients.maskedPositions(e, 8)));
        assertEquals(1, EngineMaskedLmGradients.maskedPositions(encoding(4, new Random(1)), 3).length);
    }

    @Test
    void gradientCoversEveryAttentionWeightAndFollowsTheSeed() {
        BertConfig cfg = new BertConfig(2000, 32, 2, 4, 64, "gelu", 64, 2, 1e-12, 0);
        BertModel model = BertModel.random(cfg, 5, DataType.DOUBLE);
        EngineMaskedLmGradients g = new EngineMaskedLmGradients(model, 103);
        Encoding e = encoding(15, new Random(2));
        float[][][][] a = g.maskedLmGradient(e, 11), b = g.maskedLmGradient(e, 11), c = g.maskedLmGradient(e, 12);
        assertEquals(2, a.length);
        assertEquals(4, a[0].length);
        assertEquals(15, a[0][0].length);
        assertEquals(15, a[0][0][0].length);
        double sum = 0, diff = 0;
        for (int l = 0; l < 2; l++)
            for (int h = 0; h < 4; h++)
                for (int i = 0; i < 15; i++)
                    for (int j = 0; j < 15; j++) {
                        assertTrue(Float.isFinite(a[l][h][i][j]));
                        assertEquals(a[l][h][i][j], b[l][h][i][j], 0f);
                        sum += Math.abs(a[l][h][i][j]);
                        diff += Math.abs(a[l][h][i][j] - c[l][h][i][j]);
                    }
        assertTrue(sum > 0, "gradient must not vanish");
        assertTrue(diff > 0, "another seed masks other pieces, so the gradient changes");
    }
}
