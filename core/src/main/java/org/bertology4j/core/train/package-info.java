/**
 * Fine-tuning BERT for sequence classification: {@link org.bertology4j.core.train.Trainer} (AdamW, linear warm-up
 * and decay, length-bucketed batches, checkpoints) with its {@link org.bertology4j.core.train.TrainingConfig},
 * over {@link org.bertology4j.core.train.TrainingExample}s; {@link org.bertology4j.core.train.ClassifierEvaluation}
 * scores a model. The loss's backward chains the classifier head's VJPs with the encoder's one gradient traversal
 * ({@code grad.Backprop#encoderAndEmbeddings}).
 */
package org.bertology4j.core.train;
