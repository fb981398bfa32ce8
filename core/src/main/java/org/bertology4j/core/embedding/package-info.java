/**
 * Sentence embeddings as sentence-transformers computes them: the last hidden state pooled ({@link Pooling}: mean over
 * the real tokens or the [CLS] vector), L2-normalised where the model asks for it, with the query/passage prefixes
 * of the model card ({@link EmbeddingSpec}); {@link SentenceEmbedder} runs them. See docs/embeddings.md.
 */
package org.bertology4j.core.embedding;
