package org.bertology4j.weights;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Hugging Face tensor names of a BERT model and their expected shapes. Canonical names carry the
 * {@code bert.} prefix of {@code BertForMaskedLM} / {@code BertForPreTraining} checkpoints; a bare
 * {@code BertModel} checkpoint stores the same tensors without it, and old checkpoints use
 * {@code LayerNorm.gamma/beta}: {@link #canonical} folds all of these onto one spelling.
 */
public final class HfBertNames {
    private static final Pattern LAYER = Pattern.compile("bert\\.encoder\\.layer\\.(\\d+)\\..*");

    private HfBertNames() {}

    /** Canonical spelling: adds {@code bert.} to encoder tensors stored without it; gamma/beta become weight/bias. */
    public static String canonical(String stored) {
        String n = stored;
        if (n.startsWith("embeddings.") || n.startsWith("encoder.") || n.startsWith("pooler.")) n = "bert." + n;
        if (n.endsWith("LayerNorm.gamma")) n = n.substring(0, n.length() - "gamma".length()) + "weight";
        if (n.endsWith("LayerNorm.beta")) n = n.substring(0, n.length() - "beta".length()) + "bias";
        return n;
    }

    /** Tensors every BERT encoder must have, with shapes, in a stable order (embeddings, then layers). */
    public static Map<String, long[]> required(BertConfig c) {
        long h = c.hiddenSize(), i = c.intermediateSize();
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put("bert.embeddings.word_embeddings.weight", new long[]{c.vocabSize(), h});
        m.put("bert.embeddings.position_embeddings.weight", new long[]{c.maxPositionEmbeddings(), h});
        m.put("bert.embeddings.token_type_embeddings.weight", new long[]{c.typeVocabSize(), h});
        m.put("bert.embeddings.LayerNorm.weight", new long[]{h});
        m.put("bert.embeddings.LayerNorm.bias", new long[]{h});
        for (int l = 0; l < c.numHiddenLayers(); l++) {
            String p = "bert.encoder.layer." + l + ".";
            for (String qkv : new String[]{"query", "key", "value"}) {
                m.put(p + "attention.self." + qkv + ".weight", new long[]{h, h});
                m.put(p + "attention.self." + qkv + ".bias", new long[]{h});
            }
            m.put(p + "attention.output.dense.weight", new long[]{h, h});
            m.put(p + "attention.output.dense.bias", new long[]{h});
            m.put(p + "attention.output.LayerNorm.weight", new long[]{h});
            m.put(p + "attention.output.LayerNorm.bias", new long[]{h});
            m.put(p + "intermediate.dense.weight", new long[]{i, h});
            m.put(p + "intermediate.dense.bias", new long[]{i});
            m.put(p + "output.dense.weight", new long[]{h, i});
            m.put(p + "output.dense.bias", new long[]{h});
            m.put(p + "output.LayerNorm.weight", new long[]{h});
            m.put(p + "output.LayerNorm.bias", new long[]{h});
        }
        return m;
    }

    /** Tensors that may be present (pooler, masked-LM and NSP heads, classifier), with shapes. */
    public static Map<String, long[]> optional(BertConfig c) {
        long h = c.hiddenSize(), v = c.vocabSize();
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put("bert.pooler.dense.weight", new long[]{h, h});
        m.put("bert.pooler.dense.bias", new long[]{h});
        m.put("cls.predictions.transform.dense.weight", new long[]{h, h});
        m.put("cls.predictions.transform.dense.bias", new long[]{h});
        m.put("cls.predictions.transform.LayerNorm.weight", new long[]{h});
        m.put("cls.predictions.transform.LayerNorm.bias", new long[]{h});
        m.put("cls.predictions.bias", new long[]{v});
        m.put("cls.predictions.decoder.weight", new long[]{v, h}); // tied to word embeddings; often absent
        m.put("cls.predictions.decoder.bias", new long[]{v});
        m.put("cls.seq_relationship.weight", new long[]{2, h});
        m.put("cls.seq_relationship.bias", new long[]{2});
        if (c.numLabels() > 0) {
            m.put("classifier.weight", new long[]{c.numLabels(), h});
            m.put("classifier.bias", new long[]{c.numLabels()});
        }
        return m;
    }

    /**
     * Infers the configuration from tensor shapes (canonical names). Attention heads cannot be seen in
     * shapes, so they are passed in ({@code heads <= 0}: hidden/64, BERT's usual head width).
     */
    public static BertConfig inferConfig(TensorSource canonical, int heads) {
        long[] word = shape(canonical, "bert.embeddings.word_embeddings.weight");
        long[] pos = shape(canonical, "bert.embeddings.position_embeddings.weight");
        long[] type = shape(canonical, "bert.embeddings.token_type_embeddings.weight");
        TreeSet<Integer> layers = new TreeSet<>();
        for (String n : canonical.names()) {
            Matcher m = LAYER.matcher(n);
            if (m.matches()) layers.add(Integer.parseInt(m.group(1)));
        }
        if (layers.isEmpty()) throw new WeightsException(canonical.description() + ": no encoder layers (bert.encoder.layer.N.*) found");
        if (layers.first() != 0 || layers.last() != layers.size() - 1) {
            throw new WeightsException(canonical.description() + ": encoder layers are not numbered 0.." + (layers.size() - 1) + ": " + layers);
        }
        long[] inter = shape(canonical, "bert.encoder.layer.0.intermediate.dense.weight");
        int hidden = (int) word[1];
        int labels = canonical.contains("classifier.weight") ? (int) canonical.get("classifier.weight").shape()[0] : 0;
        return new BertConfig((int) word[0], hidden, layers.size(), heads > 0 ? heads : Math.max(1, hidden / 64),
                (int) inter[0], "gelu", (int) pos[0], (int) type[0], 1e-12, labels);
    }

    private static long[] shape(TensorSource s, String name) {
        long[] sh = s.get(name).shape();
        if (sh.length != 2) throw new WeightsException("tensor '" + name + "' in " + s.description() + " should be 2-D, has shape " + java.util.Arrays.toString(sh));
        return sh;
    }

    /** Checks shapes of all required tensors and of the optional ones present; lists every problem in one exception. */
    public static void validate(TensorSource canonical, BertConfig c) {
        List<String> problems = new ArrayList<>();
        required(c).forEach((name, shape) -> {
            if (!canonical.contains(name)) problems.add("missing tensor '" + name + "'");
            else check(canonical, name, shape, problems);
        });
        optional(c).forEach((name, shape) -> {
            if (canonical.contains(name)) check(canonical, name, shape, problems);
        });
        for (String name : canonical.names()) {
            java.util.regex.Matcher m = LAYER.matcher(name);
            if (m.matches() && Integer.parseInt(m.group(1)) >= c.numHiddenLayers()) {
                problems.add("tensor '" + name + "' belongs to layer " + m.group(1) + " but the config has "
                        + c.numHiddenLayers() + " layers (num_hidden_layers)");
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new WeightsException(canonical.description() + " does not match its config: " + String.join("; ", problems));
        }
    }

    private static void check(TensorSource s, String name, long[] expected, List<String> problems) {
        Tensor t = s.get(name);
        if (!(t.dtype() == DType.F32 || t.dtype() == DType.F64 || t.dtype() == DType.F16 || t.dtype() == DType.BF16)) {
            problems.add("tensor '" + name + "' is stored as " + t.dtype().safetensorsName() + ", but weights are floating point");
        }
        long[] actual = t.shape();
        if (!java.util.Arrays.equals(actual, expected)) {
            problems.add("tensor '" + name + "' has shape " + java.util.Arrays.toString(actual) + ", config expects " + java.util.Arrays.toString(expected));
        }
    }
}
