package org.bertology4j.core.layers;

/**
 * A method's plug-in to the one backward traversal of the encoder stack
 * ({@code BertModel.backward(G, int, int, RuleSet)}): the {@link LayerRules} of each layer, and what the method
 * does with the cotangent of each hidden state on the way down. Gradients, DeepLIFT, Jacobian norms and training
 * are rule sets; a new method (e.g. integrated gradients) is one more.
 *
 * @param <G> the cotangent of a hidden state (see {@link LayerRules})
 * @param <A> the cotangent of the attention block's per-head tensors
 */
public interface RuleSet<G, A> {
    /** The rules bound to layer {@code l}'s forward values (a fresh instance per crossing). */
    LayerRules<G, A> layer(int l);

    /**
     * Crosses layer {@code l} with {@code rules} (from {@link #layer}, made before the crossing, outside any scratch
     * memory); a rule set may wrap the crossing. With {@link #inScratch()} it runs inside the thread's reused scratch
     * memory and must {@code detach()} what it returns or keeps.
     */
    default G cross(int l, EncoderLayer layer, LayerRules<G, A> rules, G g) { return layer.backward(g, rules); }

    /**
     * Whether {@code BertModel.backward} runs each {@link #cross} in the calling thread's scratch workspace, the
     * memory the forward reuses for a layer's temporaries (fresh off-heap memory page-faults): for rule sets whose
     * cotangents are arrays that {@code cross} copies out with {@code detach()}.
     */
    default boolean inScratch() { return false; }

    /** Sees the cotangent of h_l, the input of layer l, once layer l has been crossed. */
    default void atHidden(int l, G g) {}
}
