package org.bertology4j.core.train;

import org.bertology4j.core.TinyModels;
import org.bertology4j.core.model.BertModel;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Tiny models and a synthetic task for trainer tests. */
final class TrainingFixtures {
    private TrainingFixtures() {}

    static BertModel tinyClassifier(long seed) {
        return BertModel.random(TinyModels.tiny(), seed, DataType.DOUBLE);
    }

    /**
     * Random sequences [CLS]=1 x.. [SEP]=2 of 3..9 content tokens drawn from 5..49; the label is the first
     * content token mod 3 (position-dependent, so the model must use its attention).
     */
    static List<TrainingExample> synthetic(int n, long seed) {
        Random r = new Random(seed);
        List<TrainingExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 3 + r.nextInt(7);
            int[] ids = new int[len + 2];
            ids[0] = 1;
            for (int j = 1; j <= len; j++) ids[j] = 5 + r.nextInt(45);
            ids[len + 1] = 2;
            out.add(TrainingExample.classification(ids, new int[ids.length], ids[1] % 3));
        }
        return out;
    }
}
