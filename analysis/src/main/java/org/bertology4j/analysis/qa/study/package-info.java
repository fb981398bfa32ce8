/**
 * The question-answering study of arXiv 1910.06431 ({@link org.bertology4j.analysis.qa.study.QaStudy}): exact DeepLIFT
 * of a fine-tuned model's predicted start and end logits to every layer, the shares of attribution per layer on the
 * roles of the tokens ({@link org.bertology4j.analysis.qa.study.TokenRole},
 * {@link org.bertology4j.analysis.qa.study.LayerShares}), figures per question, clusters of questions by their
 * per-layer profiles ({@link org.bertology4j.analysis.qa.study.ProfileClustering}) and the paper's claims tested
 * ({@link org.bertology4j.analysis.qa.study.QaStudyResult}, {@link org.bertology4j.analysis.qa.study.SignTest});
 * docs/qa.md.
 */
package org.bertology4j.analysis.qa.study;
