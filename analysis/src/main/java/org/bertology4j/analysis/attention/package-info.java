/**
 * The studies' view of a model's attention: {@link org.bertology4j.analysis.attention.AttentionSource} and
 * {@link org.bertology4j.analysis.attention.BatchAttentionSource} (implemented by
 * {@link org.bertology4j.corpus.BatchedModelAttention}), {@link org.bertology4j.analysis.attention.SentenceAttention},
 * and the one piece-to-word aggregation ({@link org.bertology4j.analysis.attention.WordUnits},
 * {@link org.bertology4j.analysis.attention.WordAttention}).
 */
package org.bertology4j.analysis.attention;
