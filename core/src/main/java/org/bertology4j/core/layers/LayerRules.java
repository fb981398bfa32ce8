package org.bertology4j.core.layers;

/**
 * A rule set of the backward traversal: how a cotangent crosses each op of one encoder layer, bound to that
 * layer's forward values. {@link EncoderLayer#backward(Object, LayerRules)} and the attention block compose the
 * ops once, in reverse; the method (plain gradients {@link VjpRules}, DeepLIFT's multipliers, row-sparse Jacobian
 * rows, ...) only says what crossing each op means. A new method is one new implementation of this interface, not
 * a new traversal (in the spirit of JAX's per-primitive rule tables).
 * <p>The ops, as the forward runs them: x → Q|K|V = dense(x) → split heads → S = Q̃·Kᵀ (Q̃ = Q/√d) →
 * P = softmax(S + mask) → C = P·V → merge heads → dense → a; h1 = LN1(a + x); f = GELU(dense(h1));
 * h2 = LN2(dense(f) + h1).
 *
 * @param <G> the cotangent of a row-major activation [rows, features] (each rule set picks its representation)
 * @param <A> the cotangent of a per-head tensor of the attention block (Q, K, V, S, P, C)
 */
public interface LayerRules<G, A> {
    /** The dense layers of an encoder layer. */
    enum Dense { QKV, ATTENTION_OUTPUT, INTERMEDIATE, FFN_OUTPUT }

    /** The LayerNorms of an encoder layer. */
    enum Norm { ATTENTION, OUTPUT }

    /** Through a LayerNorm (onto its input, the residual sum). */
    G layerNorm(Norm norm, G dy);

    /** Through a dense layer y = x·Wᵀ + b (onto x; a rule set may also accumulate dW, db). */
    G dense(Dense dense, G dy);

    /** Through the GELU of the intermediate layer. */
    G gelu(G dy);

    /** Through a residual sum y = branch(x) + x: the cotangent of x from the branch's and the skip's. */
    G residual(G branch, G skip);

    /** Through the head merge [heads, T, d] → [T, H]: the output cotangent split into heads (the context's). */
    A mergeHeads(G dMerged);

    /** C = P·V: the cotangent of P. */
    A probsOfContext(A dContext);

    /** C = P·V: the cotangent of V. */
    A valuesOfContext(A dContext);

    /** P = softmax(S + mask), row-wise (heads whose P an intervention fixed get none). */
    A softmax(A dProbs);

    /** S = Q̃·Kᵀ with Q̃ = Q/√d: the cotangent of Q (the constant scaling included). */
    A queryOfScores(A dScores);

    /** S = Q̃·Kᵀ: the cotangent of K. */
    A keyOfScores(A dScores);

    /** Through the head split of the Q|K|V projection: the three head cotangents back to its rows [T, 3H]. */
    G splitHeads(A dQuery, A dKey, A dValue);
}
