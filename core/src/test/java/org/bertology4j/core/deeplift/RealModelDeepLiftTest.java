package org.bertology4j.core.deeplift;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.weights.ModelCache;
import org.bertology4j.weights.ModelDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BERT-base uncased, float32: completeness of a masked-LM attribution on one sentence. */
@Tag("real-model")
class RealModelDeepLiftTest {
    static BertModel model;
    static Map<String, Integer> vocab;

    @BeforeAll
    static void load() throws IOException {
        ModelDirectory dir = ModelCache.defaultCache().open("bert-base-uncased");
        model = BertModel.load(dir.path());
        vocab = new HashMap<>();
        List<String> lines = Files.readAllLines(dir.vocab());
        for (int i = 0; i < lines.size(); i++) vocab.put(lines.get(i), i);
    }

    static int id(String piece) {
        Integer i = vocab.get(piece);
        if (i == null) throw new IllegalArgumentException("not in vocab: " + piece);
        return i;
    }

    @Test
    void maskedLmAttributionAddsUpInFloat() {
        String[] pieces = {"[CLS]", "the", "capital", "of", "france", "is", "[MASK]", ".", "[SEP]"};
        int[] ids = new int[pieces.length];
        for (int i = 0; i < ids.length; i++) ids[i] = id(pieces[i]);
        assertEquals(SpecialTokens.bert(), new SpecialTokens(id("[PAD]"), id("[CLS]"), id("[SEP]"), id("[MASK]")));
        DeepLift dl = new DeepLift(model);
        Attribution a = dl.attribute(BertInput.of(new int[][]{ids}), Reference.pad(), Target.maskedLm(6, id("paris")));
        System.out.printf("Paris logit %.4f vs [PAD] reference %.4f, residual %.3e (relative %.3e), layer residual %.3e%n",
                a.targetInput(), a.targetReference(), a.residual(), a.relativeResidual(), a.maxRelativeLayerResidual());
        for (int t = 0; t < ids.length; t++) System.out.printf("  %-8s %+.4f%n", pieces[t], a.tokenScores()[t]);
        assertTrue(Math.abs(a.delta()) > 1, "Δtarget should be substantial, got " + a.delta());
        assertTrue(a.relativeResidual() < 1e-3, "float32 end-to-end residual " + a.relativeResidual());
        assertTrue(a.maxRelativeLayerResidual() < 1e-3, "float32 per-layer residual " + a.maxRelativeLayerResidual());
        for (int t : new int[]{0, 8}) assertEquals(0.0, a.tokenScores()[t], 0.0, "[CLS]/[SEP] are kept by the reference");
    }
}
