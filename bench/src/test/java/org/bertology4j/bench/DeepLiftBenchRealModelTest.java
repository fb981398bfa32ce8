package org.bertology4j.bench;

import org.bertology4j.core.deeplift.SpecialTokens;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.weights.ModelCache;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** BERT-base uncased: the DeepLIFT bench's own attribution adds up (the bench reports cost, not correctness). */
@Tag("real-model")
class DeepLiftBenchRealModelTest {
    @Test
    void benchReportsCostRelativeToForward() throws IOException {
        BertModel model = BertModel.load(ModelCache.defaultCache().open("bert-base-uncased").path());
        DeepLiftBench.Result r = DeepLiftBench.run(model, SpecialTokens.bert(), Integer.getInteger("deeplift.bench.tokens", 32),
                Integer.getInteger("deeplift.bench.iters", 1));
        System.out.println(r);
        assertTrue(r.relativeResidual() < 1e-3, "bench attribution residual " + r.relativeResidual());
    }
}
