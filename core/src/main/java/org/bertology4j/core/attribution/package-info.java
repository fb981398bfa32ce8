/**
 * Gradient-based attribution methods run by the engine's one backward traversal ({@code grad.Backprop}), for the same
 * {@link org.bertology4j.core.deeplift.Target}s and {@link org.bertology4j.core.deeplift.Reference}s as DeepLIFT:
 * {@link IntegratedGradients} (Gauss-Legendre or Riemann {@link Quadrature}, with its completeness gap),
 * {@link GradientTimesInput}, {@link AttentionTimesGradient}. docs/methods.md says what each answers.
 */
package org.bertology4j.core.attribution;
