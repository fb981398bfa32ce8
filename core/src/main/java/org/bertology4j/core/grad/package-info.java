/**
 * Gradients of a loss on the last hidden state w.r.t. the inputs (every hidden state, the embedding sum),
 * attention probabilities and, when asked, every parameter, by the hand-written reverse pass (the gradient rule
 * set run through {@code BertModel.backward}). Entry point, in the call style of {@code flow.JacobianNorms} and
 * {@code deeplift.DeepLift}: {@code new Backprop(model)}, then {@code compute(input, loss, request)} (or
 * {@code compute(trace, loss, request)} on a trace that kept its caches), {@code fromLastHidden(trace, dLast, request)} (a
 * training step: {@code compute(trace, loss, request, into)} into reused accumulators). Losses: {@link org.bertology4j.core.grad.MaskedLmLoss},
 * {@link org.bertology4j.core.grad.SequenceClassificationLoss} (with dropout and regression, the one fine-tuning
 * uses), {@link org.bertology4j.core.grad.TokenClassificationLoss}, {@link org.bertology4j.core.grad.SpanLoss}. Results:
 * the immutable record {@link org.bertology4j.core.grad.Gradients}; parameter gradients in
 * {@link org.bertology4j.core.grad.ParameterGradients}, the one gradient holder (by Hugging Face name, or in the
 * engine's storage layout for an optimizer).
 */
package org.bertology4j.core.grad;
