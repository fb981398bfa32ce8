/**
 * "Why are these two texts similar?": {@link org.bertology4j.analysis.similarity.SimilarityResult} runs core's
 * similarity attribution (exact DeepLIFT per layer and integrated gradients of the cosine or dot product of two pooled
 * sentence embeddings) and writes its scores at piece and word level, figures, and an offline page in which every
 * word links to its counterparts in the other text (what {@code ./bertology4j similarity} writes).
 */
package org.bertology4j.analysis.similarity;
