/**
 * Information flow between tokens: attention A and the per-layer Jacobian norms G (one layer) and G* (back to the
 * embeddings) of {@link org.bertology4j.core.flow.JacobianNorms} ({@code compute}, {@code gradient},
 * {@code gradientFromEmbeddings}, Frobenius norms exact or estimated), from batched vector-Jacobian products of
 * {@link org.bertology4j.core.flow.LayerVjp}. The top layer of each query runs the row-sparse rule set (cotangents
 * non-zero at one token each); the layers below run the gradient rule set, both through the layers' one backward
 * composition.
 */
package org.bertology4j.core.flow;
