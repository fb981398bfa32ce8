/**
 * Corpus reading for the studies: CoNLL-U (UD treebanks, CorefUD entity annotation as in GUM) with
 * {@link org.bertology4j.analysis.conllu.ConlluReader}, which yields {@link org.bertology4j.analysis.conllu.Document}s
 * of {@link org.bertology4j.analysis.conllu.Sentence}s; plain text laid out like BERT's pre-training data with
 * {@link org.bertology4j.analysis.conllu.TextDocuments}; cheap sentence and document counts for progress with
 * {@link org.bertology4j.analysis.conllu.ConlluCounts}. The corpus pipeline ({@link org.bertology4j.corpus}) reads
 * through them.
 */
package org.bertology4j.analysis.conllu;
