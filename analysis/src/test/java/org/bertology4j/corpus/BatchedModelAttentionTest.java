package org.bertology4j.corpus;

import org.bertology4j.analysis.attention.SentenceAttention;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.weights.BertConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class BatchedModelAttentionTest {
    static Encoding encoding(int length, Random rnd) {
        int[] ids = new int[length], seg = new int[length], mask = new int[length], words = new int[length];
        int[][] offsets = new int[length][2];
        String[] pieces = new String[length];
        for (int i = 0; i < length; i++) {
            ids[i] = i == 0 ? 101 : i == length - 1 ? 102 : 1000 + rnd.nextInt(500);
            mask[i] = 1;
            words[i] = i == 0 || i == length - 1 ? -1 : i - 1;
            pieces[i] = "p" + ids[i];
        }
        List<String> w = new ArrayList<>();
        for (int i = 1; i < length - 1; i++) w.add(pieces[i]);
        return new Encoding(ids, pieces, seg, mask, offsets, words, w, false);
    }

    @Test
    void batchedMapsEqualOneByOneMaps() {
        BertConfig cfg = new BertConfig(2000, 32, 2, 4, 64, "gelu", 64, 2, 1e-12, 0);
        BertModel model = BertModel.random(cfg, 7, DataType.FLOAT);
        Random rnd = new Random(3);
        List<Encoding> es = new ArrayList<>();
        for (int len : new int[]{9, 3, 17, 5, 17, 12, 4}) es.add(encoding(len, rnd));
        // budget 40: several batches of mixed lengths, padding inside each
        BatchedModelAttention batched = new BatchedModelAttention(model, 40);
        List<SentenceAttention> got = batched.attendAll(es);
        BatchedModelAttention single = new BatchedModelAttention(model, 1); // a batch of one per sequence
        for (int k = 0; k < es.size(); k++) {
            SentenceAttention want = single.attend(es.get(k));
            assertEquals(es.get(k).length(), got.get(k).length());
            for (int l = 0; l < 2; l++)
                for (int h = 0; h < 4; h++) {
                    float[][] a = got.get(k).map(l, h), b = want.map(l, h);
                    for (int i = 0; i < a.length; i++) {
                        double rowSum = 0;
                        for (int j = 0; j < a.length; j++) {
                            assertEquals(b[i][j], a[i][j], 1e-5, "item " + k + " layer " + l + " head " + h);
                            rowSum += a[i][j];
                        }
                        assertEquals(1.0, rowSum, 1e-4); // nothing left on the padding
                    }
                }
        }
        assertEquals(es.size(), batched.sequences());
        assertTrue(batched.paddingEfficiency() < 1.0 && batched.paddingEfficiency() > 0.5);
    }
}
