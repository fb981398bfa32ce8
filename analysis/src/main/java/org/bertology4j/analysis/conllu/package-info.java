/** CoNLL-U reading (UD treebanks, CorefUD entity annotation as in GUM): {@link org.bertology4j.analysis.conllu.ConlluReader} yields {@link org.bertology4j.analysis.conllu.Document}s of {@link org.bertology4j.analysis.conllu.Sentence}s. */
package org.bertology4j.analysis.conllu;
