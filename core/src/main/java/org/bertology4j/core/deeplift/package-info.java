/**
 * Exact DeepLIFT through BERT, in the call style of {@code grad.Backprop} and {@code flow.JacobianNorms}:
 * {@code new DeepLift(model).attribute(input, reference, target)} explains
 * {@link org.bertology4j.core.deeplift.Target}s (masked-LM token, class logit, QA start/end, weighted sums) against a
 * {@link org.bertology4j.core.deeplift.Reference} ([PAD], [MASK], given sequences or their average), returning the
 * immutable record {@link org.bertology4j.core.deeplift.Attribution}, whose scores add up to Δtarget at the word
 * embeddings and at every hidden state. Input and references run as one stacked batch through the model's one forward
 * entry (from word-embedding vectors); multipliers cross each layer by the layer's one backward composition with
 * DeepLIFT's rule set (package-private: linear rule, exact LayerNorm and logarithmic-mean softmax rules, Rescale for
 * GELU/tanh, the midpoint rule for QKᵀ and P·V; see {@code docs/deeplift.md}).
 * {@link org.bertology4j.core.deeplift.AttributionClustering} groups attributions.
 */
package org.bertology4j.core.deeplift;
