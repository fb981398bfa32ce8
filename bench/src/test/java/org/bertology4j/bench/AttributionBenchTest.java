package org.bertology4j.bench;

import org.bertology4j.core.deeplift.SpecialTokens;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.weights.BertConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every method's row is measured, the attention-based ones included, on a tiny random model. */
class AttributionBenchTest {
    @Test
    void reportsEveryMethodInForwards() {
        BertModel model = BertModel.random(new BertConfig(1040, 8, 2, 2, 16, "gelu", 16, 2, 1e-12, 0), 5, DataType.FLOAT);
        AttributionBench.Result r = AttributionBench.run(model, SpecialTokens.bert(), 8, 2, 1);
        assertEquals(List.of("gradient x input", "attention x gradient", "DeepLIFT ([PAD] reference)",
                "integrated gradients (2 Gauss-Legendre points)", "attention rollout (every layer)",
                "attention flow (into the top layer)", "attention flow (into every layer, the viewer's)",
                "norm-based attention (heads mixed)", "norm-based attention (per head)"), List.copyOf(r.ms().keySet()));
        r.ms().forEach((name, ms) -> assertTrue(ms > 0 && Double.isFinite(ms), name + ": " + ms + " ms"));
        assertTrue(r.toString().contains("attention flow (into the top layer)"), r.toString());
    }
}
