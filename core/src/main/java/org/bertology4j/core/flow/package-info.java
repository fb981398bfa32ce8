/**
 * Information flow between tokens: attention A and the per-layer Jacobian norms G (one layer) and G* (back to the
 * embeddings) of {@link org.bertology4j.core.flow.JacobianNorms}, in the call style of {@code grad.Backprop} and
 * {@code deeplift.DeepLift}: {@code new JacobianNorms(model).compute(input | trace, measure)} returns the immutable
 * record {@link org.bertology4j.core.flow.JacobianNorms.Maps}; {@code gradient}, {@code gradientFromEmbeddings} and
 * the Frobenius norms (exact, or estimated from random probes) give single maps. Inside (package-private), batched
 * vector-Jacobian products over one cached sequence: the top layer of each query runs the row-sparse rule set
 * {@code RowRules} (cotangents non-zero at one token each), the layers below the gradient rule set, both through the
 * layers' one backward composition.
 */
package org.bertology4j.core.flow;
