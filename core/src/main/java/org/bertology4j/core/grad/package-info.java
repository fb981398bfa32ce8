/**
 * Gradients of a loss on the last hidden state w.r.t. the inputs (every hidden state, the embedding sum),
 * attention probabilities and, when asked, every parameter, by the hand-written reverse pass (the gradient rule
 * set run through {@code BertModel.backward}). Entry point: {@code new Backprop(model)}, then {@code compute(input, loss, request)} or {@code ofLoss(trace, loss, request)}, with a
 * {@link org.bertology4j.core.grad.Loss} ({@link org.bertology4j.core.grad.MaskedLmLoss},
 * {@link org.bertology4j.core.grad.SequenceClassificationLoss}, {@link org.bertology4j.core.grad.TokenClassificationLoss},
 * {@link org.bertology4j.core.grad.SpanLoss}) and a {@link org.bertology4j.core.grad.GradientRequest}; results in
 * {@link org.bertology4j.core.grad.Gradients} and {@link org.bertology4j.core.grad.ParameterGradients}.
 */
package org.bertology4j.core.grad;
