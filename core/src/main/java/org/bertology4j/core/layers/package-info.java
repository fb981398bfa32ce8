/**
 * The ops of BERT and their rules, forward beside backward: {@link org.bertology4j.core.layers.Embeddings},
 * {@link org.bertology4j.core.layers.Linear}, {@link org.bertology4j.core.layers.LayerNorm},
 * {@link org.bertology4j.core.layers.Gelu}, {@link org.bertology4j.core.layers.SelfAttention} (head split, QKᵀ,
 * softmax, P·V, head merge) and {@link org.bertology4j.core.layers.EncoderLayer}, which composes one layer once,
 * forward and backward.
 * <p>The backward composition runs with a rule set: {@link org.bertology4j.core.layers.LayerRules} says how a
 * cotangent crosses each op of a layer ({@link org.bertology4j.core.layers.VjpRules}: the gradient, with its
 * package-private variant {@code ActiveRowsRules} for a cotangent non-zero on few rows; DeepLIFT's
 * multipliers and row-sparse Jacobian rows live in their packages), {@link org.bertology4j.core.layers.RuleSet}
 * binds rules to every layer of the stack for {@code BertModel.backward}. A new attribution method is a new rule
 * set, not a new traversal.
 * <p>Forward caches ({@code EncoderLayer.Cache} and the ops' caches) and records ({@code EncoderLayer.Record}) are
 * filled by the forward and read through accessors. Speed: the ops call their memory-bound steps and products through
 * the facade {@link org.bertology4j.core.kernels.Kernels}, which picks a fused plain-Java kernel or its fallback.
 * {@link org.bertology4j.core.layers.HeadIntervention} masks, disables or replaces attention heads.
 */
package org.bertology4j.core.layers;
