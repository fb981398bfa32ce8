package org.bertology4j.weights.tf;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TfToHfNamesTest {
    private static void maps(String tf, String hf, boolean transpose) {
        var m = TfToHfNames.map(tf).orElseThrow(() -> new AssertionError("no mapping for " + tf));
        assertEquals(hf, m.hfName(), tf);
        assertEquals(transpose, m.transpose(), tf);
    }

    @Test
    void mapsEveryBertVariableKind() {
        maps("bert/embeddings/word_embeddings", "bert.embeddings.word_embeddings.weight", false);
        maps("bert/embeddings/position_embeddings", "bert.embeddings.position_embeddings.weight", false);
        maps("bert/embeddings/token_type_embeddings", "bert.embeddings.token_type_embeddings.weight", false);
        maps("bert/embeddings/LayerNorm/gamma", "bert.embeddings.LayerNorm.weight", false);
        maps("bert/embeddings/LayerNorm/beta", "bert.embeddings.LayerNorm.bias", false);
        maps("bert/encoder/layer_3/attention/self/query/kernel", "bert.encoder.layer.3.attention.self.query.weight", true);
        maps("bert/encoder/layer_3/attention/self/key/bias", "bert.encoder.layer.3.attention.self.key.bias", false);
        maps("bert/encoder/layer_11/attention/self/value/kernel", "bert.encoder.layer.11.attention.self.value.weight", true);
        maps("bert/encoder/layer_0/attention/output/dense/kernel", "bert.encoder.layer.0.attention.output.dense.weight", true);
        maps("bert/encoder/layer_0/attention/output/LayerNorm/gamma", "bert.encoder.layer.0.attention.output.LayerNorm.weight", false);
        maps("bert/encoder/layer_0/intermediate/dense/kernel", "bert.encoder.layer.0.intermediate.dense.weight", true);
        maps("bert/encoder/layer_0/output/dense/bias", "bert.encoder.layer.0.output.dense.bias", false);
        maps("bert/encoder/layer_0/output/LayerNorm/beta", "bert.encoder.layer.0.output.LayerNorm.bias", false);
        maps("bert/pooler/dense/kernel", "bert.pooler.dense.weight", true);
        maps("cls/predictions/transform/dense/kernel", "cls.predictions.transform.dense.weight", true);
        maps("cls/predictions/transform/LayerNorm/gamma", "cls.predictions.transform.LayerNorm.weight", false);
        maps("cls/predictions/output_bias", "cls.predictions.bias", false);
        maps("cls/seq_relationship/output_weights", "cls.seq_relationship.weight", false);
        maps("cls/seq_relationship/output_bias", "cls.seq_relationship.bias", false);
        maps("module/bert/encoder/layer_2/output/dense/kernel", "bert.encoder.layer.2.output.dense.weight", true);
    }

    @Test
    void skipsOptimizerStateAndReportsUnknown() {
        var r = TfToHfNames.mapAll(List.of("bert/pooler/dense/bias", "bert/pooler/dense/bias/adam_m",
                "bert/pooler/dense/kernel/adam_v", "global_step", "bert/something/else", "bert/encoder/layer_0/attention/self/query/weights"));
        assertEquals(List.of("bert.pooler.dense.bias"), r.mapped().stream().map(TfToHfNames.Mapped::hfName).toList());
        assertEquals(List.of("bert/pooler/dense/bias/adam_m", "bert/pooler/dense/kernel/adam_v", "global_step"), r.skipped());
        assertEquals(List.of("bert/something/else", "bert/encoder/layer_0/attention/self/query/weights"), r.unknown());
        assertTrue(TfToHfNames.map("cls/predictions/decoder/kernel").isEmpty(), "the tied decoder has no variable to map");
    }
}
