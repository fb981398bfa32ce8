/**
 * Fine-tuning BERT for sequence classification: {@link org.bertology4j.core.train.Trainer} (AdamW, linear warm-up
 * and decay, length-bucketed batches, checkpoints) with its {@link org.bertology4j.core.train.TrainingConfig},
 * over {@link org.bertology4j.core.train.TrainingExample}s; {@link org.bertology4j.core.train.ClassifierEvaluation}
 * scores a model. A training step is the gradient API's: {@code grad.SequenceClassificationLoss} (with dropout and
 * regression), {@code grad.ParameterGradients} and {@code grad.Backprop#accumulate}, the encoder's one gradient
 * traversal.
 */
package org.bertology4j.core.train;
