/**
 * Question answering data: SQuAD 1.1 and 2.0 JSON as records ({@link org.bertology4j.analysis.qa.SquadDataset},
 * read with checks by {@link org.bertology4j.analysis.qa.SquadReader}, written by
 * {@link org.bertology4j.analysis.qa.SquadWriter}); SQuAD's official evaluation, exact match and F1 with its answer
 * normalisation and the SQuAD 2.0 no-answer handling ({@link org.bertology4j.analysis.qa.SquadEvaluation},
 * {@link org.bertology4j.analysis.qa.AnswerNormalizer}); and an offline SQuAD 2.0 data set generated from a UD
 * treebank: questions from dependency trees ({@link org.bertology4j.analysis.qa.QuestionGenerator}, one
 * {@link org.bertology4j.analysis.qa.QuestionRule} per kind of argument) with unanswerable questions borrowed from
 * other paragraphs, assembled by {@link org.bertology4j.analysis.qa.QaDataBuilder} with its
 * {@link org.bertology4j.analysis.qa.QaDataStats}. The rules, their failure rates on GUM and the formats are in
 * docs/qa.md.
 */
package org.bertology4j.analysis.qa;
