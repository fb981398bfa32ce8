package org.bertology4j.core.grad;

/**
 * What a backward pass computes besides the input gradients (hidden states and embeddings, always):
 * parameter gradients (for fine-tuning) and attention-map gradients dL/dA. Both cost extra, so they are off
 * unless asked.
 *
 * @param parameters gradients of every parameter, by Hugging Face tensor name
 * @param attention  gradients w.r.t. each layer's attention probabilities [B, heads, T, T]
 */
public record GradientRequest(boolean parameters, boolean attention) {
    /** Input (hidden state and embedding) gradients only. */
    public static GradientRequest inputsOnly() { return new GradientRequest(false, false); }

    /** Everything: inputs, attention maps and parameters. */
    public static GradientRequest all() { return new GradientRequest(true, true); }
}
