package org.bertology4j.weights;

import org.bertology4j.weights.tf.TfBundleFixtureWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Test fixture: a tiny BERT written as a TF checkpoint with Google's variable names (plus vocab and bert_config.json). */
final class TinyTfBert {
    static final int V = 10, H = 4, L = 2, I = 8, P = 6, T = 2, HEADS = 2;

    /** TF name -> (shape, values), as written. */
    final Map<String, long[]> shapes = new LinkedHashMap<>();
    final Map<String, float[]> values = new LinkedHashMap<>();

    private void add(String name, long... shape) {
        long n = 1;
        for (long s : shape) n *= s;
        float[] v = new float[(int) n];
        Random rnd = new Random(name.hashCode());
        for (int i = 0; i < v.length; i++) v[i] = (float) rnd.nextGaussian();
        shapes.put(name, shape);
        values.put(name, v);
    }

    /** Writes dir/bert_model.ckpt.{index,data-*}, dir/vocab.txt, dir/bert_config.json; returns the prefix. */
    Path write(Path dir, boolean withOptimizerSlots) throws IOException {
        add("bert/embeddings/word_embeddings", V, H);
        add("bert/embeddings/position_embeddings", P, H);
        add("bert/embeddings/token_type_embeddings", T, H);
        add("bert/embeddings/LayerNorm/gamma", H);
        add("bert/embeddings/LayerNorm/beta", H);
        for (int l = 0; l < L; l++) {
            String p = "bert/encoder/layer_" + l + "/";
            for (String m : List.of("attention/self/query", "attention/self/key", "attention/self/value", "attention/output/dense")) {
                add(p + m + "/kernel", H, H);
                add(p + m + "/bias", H);
            }
            add(p + "attention/output/LayerNorm/gamma", H);
            add(p + "attention/output/LayerNorm/beta", H);
            add(p + "intermediate/dense/kernel", H, I);
            add(p + "intermediate/dense/bias", I);
            add(p + "output/dense/kernel", I, H);
            add(p + "output/dense/bias", H);
            add(p + "output/LayerNorm/gamma", H);
            add(p + "output/LayerNorm/beta", H);
        }
        add("bert/pooler/dense/kernel", H, H);
        add("bert/pooler/dense/bias", H);
        add("cls/predictions/output_bias", V);
        add("cls/seq_relationship/output_weights", 2, H);
        add("cls/seq_relationship/output_bias", 2);
        if (withOptimizerSlots) {
            add("bert/pooler/dense/kernel/adam_m", H, H);
            add("mystery/variable", 3);
        }
        TfBundleFixtureWriter w = new TfBundleFixtureWriter().blockSize(256);
        shapes.forEach((n, s) -> w.addFloats(n, s, values.get(n)));
        Files.createDirectories(dir);
        Path prefix = dir.resolve("bert_model.ckpt");
        w.write(prefix);
        StringBuilder vocab = new StringBuilder("[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\ncat\nsat\n##s\n.\n");
        Files.writeString(dir.resolve("vocab.txt"), vocab);
        Files.writeString(dir.resolve("bert_config.json"), "{\"num_attention_heads\": " + HEADS + "}");
        return prefix;
    }
}
