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

    /** A tiny model with a fresh span head ({@code qa_outputs}) and no pooler or classifier. */
    static BertModel tinySpanModel(long seed) {
        return ModelParameters.withNewSpanHead(tinyClassifier(seed), seed + 1);
    }

    /**
     * A synthetic span task: {@code [CLS] q [SEP] c_1 .. c_n [SEP]}, the question a marker q (5 or 6) and 5..9 context
     * tokens from 10..49, one of them replaced by the other marker as a distractor; in about two thirds of the examples
     * q also stands in the context (at p, once) and the answer is that piece (p, p), otherwise "no answer" (0, 0). The
     * model must compare the question with the context to answer.
     */
    static List<TrainingExample> spanTask(int n, long seed) {
        Random r = new Random(seed);
        List<TrainingExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 5 + r.nextInt(5), q = 5 + r.nextInt(2);
            int[] ids = new int[len + 4], seg = new int[len + 4];
            ids[0] = 1;
            ids[1] = q;
            ids[2] = 2;
            for (int j = 0; j < len; j++) {
                ids[3 + j] = 10 + r.nextInt(40);
                seg[3 + j] = 1;
            }
            ids[len + 3] = 2;
            seg[len + 3] = 1;
            int p = 3 + r.nextInt(len), d;
            do d = 3 + r.nextInt(len); while (d == p);
            ids[d] = 11 - q;   // the other marker
            int answer = 0;
            if (r.nextInt(3) > 0) {
                ids[p] = q;
                answer = p;
            }
            out.add(TrainingExample.span(ids, seg, answer, answer));
        }
        return out;
    }
}
