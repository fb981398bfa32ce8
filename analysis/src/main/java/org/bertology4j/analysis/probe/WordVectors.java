package org.bertology4j.analysis.probe;

import org.bertology4j.analysis.conllu.Sentence;

/** Word vectors for the probe's word-conditioned weights (GloVe, or the model's input embeddings averaged over pieces). */
public interface WordVectors {
    /** Vector size D. */
    int dimension();

    /** One vector per word of the sentence, {@code [n][D]}. */
    double[][] vectors(Sentence sentence);
}
