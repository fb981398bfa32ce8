/**
 * Fine-tuning BERT for sequence classification: {@link org.bertology4j.core.train.Trainer} (AdamW, linear warm-up
 * and decay, length-bucketed batches, checkpoints) with its {@link org.bertology4j.core.train.TrainingConfig},
 * over {@link org.bertology4j.core.train.TrainingExample}s; {@link org.bertology4j.core.train.ClassifierEvaluation}
 * scores a model; {@link org.bertology4j.core.train.ModelParameters#withNewClassifier} puts a new classifier on a
 * pre-trained encoder, {@link org.bertology4j.core.train.RandomInitialisation} builds the same classifier from BERT's
 * random initialisation (the baseline without pre-training). A training step is the gradient API's: {@code grad.SequenceClassificationLoss} (with dropout and
 * regression), {@code grad.ParameterGradients} and {@code grad.Backprop#accumulate}, the encoder's one gradient
 * traversal.
 */
package org.bertology4j.core.train;
