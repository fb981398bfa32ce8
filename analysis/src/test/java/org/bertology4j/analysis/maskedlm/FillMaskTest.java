package org.bertology4j.analysis.maskedlm;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.distributed.TinyModelDirectory;
import org.bertology4j.io.JsonFiles;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.tokenizer.Encoding;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fill-mask of every [MASK] on the tiny model: the best logits, named, as softmax probabilities. */
class FillMaskTest {
    @Test
    void everyMaskGetsItsBestPiecesByProbability() throws Exception {
        BertModel model = TinyModelDirectory.shared().model();
        BertTokenizer tok = TinyModelDirectory.shared().tokenizer();
        Encoding enc = tok.encode("The [MASK] sat on the [MASK].");
        FillMask f = FillMask.predict(model, tok.vocabulary(), enc, 3);
        assertArrayEquals(new int[]{2, 6}, f.positions());
        ForwardTrace trace = model.forward(BertInput.of(enc));
        for (int k = 0; k < 2; k++) {
            double[] logits = model.maskedLmLogits(trace, 0, f.positions()[k]).castTo(DataType.DOUBLE).toDoubleVector();
            double max = Double.NEGATIVE_INFINITY, z = 0;
            int best = 0;
            for (int i = 0; i < logits.length; i++) {
                if (logits[i] > max) { max = logits[i]; best = i; }
            }
            for (double l : logits) z += Math.exp(l - max);
            List<FillMask.Prediction> p = f.predictions().get(k);
            assertEquals(3, p.size());
            assertEquals(best, p.get(0).id());
            assertEquals(tok.vocabulary().token(best), p.get(0).token());
            assertEquals(1 / z, p.get(0).probability(), 1e-12);
            assertTrue(p.get(0).probability() >= p.get(1).probability() && p.get(1).probability() >= p.get(2).probability());
        }
        assertEquals(f.predictions().get(0).get(0), f.top());
        String json = JsonFiles.toString(f.predictions().get(0).get(0));
        assertTrue(json.matches("(?s)\\{\\s*\"token\" : .*\"id\" : .*\"probability\" : .*}"), json);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FillMask.predict(model, tok.vocabulary(),
                tok.encode("No mask."), 3)).getMessage().contains("no [MASK]"));
    }
}
