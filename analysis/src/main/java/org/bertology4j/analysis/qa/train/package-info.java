/**
 * Extractive question answering with BERT: SQuAD questions cut into windows with a stride
 * ({@link org.bertology4j.analysis.qa.train.QaWindows}, {@link org.bertology4j.analysis.qa.train.QaWindow}), fine-tuning
 * with the span loss and SQuAD 2.0's no-answer through [CLS] on the library's trainer
 * ({@link org.bertology4j.analysis.qa.train.QaFineTuning}), the BERT reference's best-span decoding
 * ({@link org.bertology4j.analysis.qa.train.SpanDecoder}) and batched answering
 * ({@link org.bertology4j.analysis.qa.train.QaPredictor}); docs/qa.md.
 */
package org.bertology4j.analysis.qa.train;
