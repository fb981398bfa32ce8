/**
 * Exact DeepLIFT through BERT: {@link org.bertology4j.core.deeplift.DeepLift#attribute} explains
 * {@link org.bertology4j.core.deeplift.Target}s (masked-LM token, class logit, QA start/end, weighted sums) against a
 * {@link org.bertology4j.core.deeplift.Reference} ([PAD], [MASK], given sequences or their average), returning
 * {@link org.bertology4j.core.deeplift.Attribution}s whose scores add up to Δtarget at the word embeddings and at
 * every hidden state. Input and references run as one stacked forward from word-embedding vectors; multipliers
 * cross each layer by the layer's one backward composition with DeepLIFT's rule set (linear rule, exact LayerNorm
 * and logarithmic-mean softmax rules, Rescale for GELU/tanh, the midpoint rule for QKᵀ and P·V; see
 * {@code docs/deeplift.md}). {@link org.bertology4j.core.deeplift.AttributionClustering} groups attributions.
 */
package org.bertology4j.core.deeplift;
