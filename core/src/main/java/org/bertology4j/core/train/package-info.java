/**
 * Fine-tuning BERT: {@link org.bertology4j.core.train.Trainer} (AdamW, linear warm-up and decay, length-bucketed
 * batches, checkpoints; the whole model or only the head on a frozen encoder) with its
 * {@link org.bertology4j.core.train.TrainingConfig}, over {@link org.bertology4j.core.train.TrainingExample}s, for a
 * {@link org.bertology4j.core.train.TrainingHead}: a sequence classifier ({@code BertForSequenceClassification}) or
 * a span head ({@code BertForQuestionAnswering}). {@link org.bertology4j.core.train.ClassifierEvaluation} scores a
 * classifier; {@link org.bertology4j.core.train.RandomInitialisation} builds a classifier from BERT's random
 * initialisation (the baseline without pre-training). A training step is the gradient API's: the head's loss
 * ({@code grad.SequenceClassificationLoss} with dropout and regression, {@code grad.SpanLoss}),
 * {@code grad.ParameterGradients} and {@code grad.Backprop#compute}, the encoder's one gradient traversal.
 */
package org.bertology4j.core.train;
