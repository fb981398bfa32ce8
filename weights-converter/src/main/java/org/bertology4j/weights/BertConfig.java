package org.bertology4j.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * BERT hyper-parameters, read from and written to a Hugging Face {@code config.json}
 * (same key names, so Hugging Face BERT directories load unchanged).
 *
 * @param vocabSize             rows of the word-embedding table
 * @param hiddenSize            model width (768 for BERT-base)
 * @param numHiddenLayers       transformer layers (12)
 * @param numAttentionHeads     heads per layer (12)
 * @param intermediateSize      FFN width (3072)
 * @param hiddenAct             activation; "gelu" is the exact erf form, "gelu_new" the tanh approximation
 * @param maxPositionEmbeddings rows of the position table (the longest input)
 * @param typeVocabSize         segment types (2)
 * @param layerNormEps          LayerNorm epsilon (1e-12)
 * @param numLabels             labels of a classification head (0 when none)
 */
public record BertConfig(int vocabSize, int hiddenSize, int numHiddenLayers, int numAttentionHeads,
                         int intermediateSize, String hiddenAct, int maxPositionEmbeddings, int typeVocabSize,
                         double layerNormEps, int numLabels) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public BertConfig {
        if (vocabSize <= 0 || hiddenSize <= 0 || numHiddenLayers <= 0 || numAttentionHeads <= 0
                || intermediateSize <= 0 || maxPositionEmbeddings <= 0 || typeVocabSize <= 0) {
            throw new WeightsException("config: sizes must be positive: " + describe(vocabSize, hiddenSize,
                    numHiddenLayers, numAttentionHeads, intermediateSize, maxPositionEmbeddings, typeVocabSize));
        }
        if (hiddenSize % numAttentionHeads != 0) {
            throw new WeightsException("config: hidden_size " + hiddenSize + " is not a multiple of num_attention_heads " + numAttentionHeads);
        }
        if (hiddenAct == null) hiddenAct = "gelu";
        if (!(hiddenAct.equals("gelu") || hiddenAct.equals("gelu_python") || tanhGelu(hiddenAct))) {
            throw new WeightsException("config: hidden_act '" + hiddenAct + "' is not supported (exact erf 'gelu' or the "
                    + "tanh approximation 'gelu_new' / 'gelu_pytorch_tanh')");
        }
    }

    private static String describe(int... v) { return java.util.Arrays.toString(v); }

    /** BERT-base (uncased vocabulary size), no classification head. */
    public static BertConfig bertBase() {
        return new BertConfig(30522, 768, 12, 12, 3072, "gelu", 512, 2, 1e-12, 0);
    }

    private static boolean tanhGelu(String act) {
        return act.equals("gelu_new") || act.equals("gelu_pytorch_tanh");
    }

    /**
     * True when {@code hidden_act} names the tanh approximation of GELU ("gelu_new", "gelu_pytorch_tanh"), the form
     * Google's original TensorFlow BERT graphs compute; false for the exact erf form ("gelu"), Hugging Face's default.
     */
    public boolean usesTanhGelu() { return tanhGelu(hiddenAct); }

    /** The same configuration with another activation name. */
    public BertConfig withHiddenAct(String act) {
        return new BertConfig(vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize,
                act, maxPositionEmbeddings, typeVocabSize, layerNormEps, numLabels);
    }

    /** Width of one attention head. */
    public int headDim() { return hiddenSize / numAttentionHeads; }

    /** The same configuration with another number of classification labels. */
    public BertConfig withNumLabels(int labels) {
        return new BertConfig(vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize,
                hiddenAct, maxPositionEmbeddings, typeVocabSize, layerNormEps, labels);
    }

    /** Reads a Hugging Face config.json; errors name the file and the missing key. */
    public static BertConfig read(Path file) {
        JsonNode n;
        try {
            n = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new WeightsException("cannot read model config " + file + ": " + e.getMessage(), e);
        }
        try {
            if (!n.isObject()) throw new WeightsException("not a JSON object");
            int labels = n.has("num_labels") ? integer(n, "num_labels", 0)
                    : n.has("id2label") ? n.get("id2label").size() : 0;
            double eps = n.has("layer_norm_eps") ? number(n, "layer_norm_eps") : 1e-12;
            if (!(eps > 0) || eps >= 1) throw new WeightsException("config key 'layer_norm_eps' must be in (0, 1), got " + n.get("layer_norm_eps"));
            JsonNode act = n.path("hidden_act");
            if (!act.isMissingNode() && !act.isTextual()) throw new WeightsException("config key 'hidden_act' must be a string, got " + act);
            return new BertConfig(req(n, "vocab_size"), req(n, "hidden_size"), req(n, "num_hidden_layers"),
                    req(n, "num_attention_heads"), req(n, "intermediate_size"), act.asText("gelu"),
                    n.has("max_position_embeddings") ? integer(n, "max_position_embeddings", 1) : 512,
                    n.has("type_vocab_size") ? integer(n, "type_vocab_size", 1) : 2, eps, labels);
        } catch (WeightsException e) {
            throw new WeightsException(file + ": " + e.getMessage(), e);
        }
    }

    private static int req(JsonNode n, String key) {
        if (!n.has(key)) throw new WeightsException("config key '" + key + "' missing");
        return integer(n, key, 1);
    }

    /**
     * A JSON integer in [min, 2^31): 768.9, "768" and 2^32 + 768 are refused, naming the key (Jackson's asInt would
     * truncate, parse or wrap them into a silently different model).
     */
    private static int integer(JsonNode n, String key, int min) {
        JsonNode v = n.get(key);
        if (v == null || !v.isIntegralNumber()) throw new WeightsException("config key '" + key + "' must be an integer, got " + v);
        if (!v.canConvertToInt() || v.asLong() < min) {
            throw new WeightsException("config key '" + key + "' = " + v + " is out of range [" + min + ", " + Integer.MAX_VALUE + "]");
        }
        return v.intValue();
    }

    private static double number(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isNumber()) throw new WeightsException("config key '" + key + "' must be a number, got " + v);
        return v.doubleValue();
    }

    /** Writes a Hugging Face compatible config.json. */
    public void write(Path file) throws IOException {
        Files.writeString(file, toJson());
    }

    /** The config.json text. */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("model_type", "bert");
        o.putArray("architectures").add(numLabels > 0 ? "BertForSequenceClassification" : "BertForMaskedLM");
        o.put("vocab_size", vocabSize);
        o.put("hidden_size", hiddenSize);
        o.put("num_hidden_layers", numHiddenLayers);
        o.put("num_attention_heads", numAttentionHeads);
        o.put("intermediate_size", intermediateSize);
        o.put("hidden_act", hiddenAct);
        o.put("hidden_dropout_prob", 0.1);
        o.put("attention_probs_dropout_prob", 0.1);
        o.put("max_position_embeddings", maxPositionEmbeddings);
        o.put("type_vocab_size", typeVocabSize);
        o.put("initializer_range", 0.02);
        o.put("layer_norm_eps", layerNormEps);
        o.put("pad_token_id", 0);
        if (numLabels > 0) o.put("num_labels", numLabels);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
