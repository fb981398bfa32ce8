package org.bertology4j.analysis.flow;

import org.bertology4j.analysis.conllu.Sentence;

/**
 * Computes the word-level flow maps of one sentence. The analysis layer depends only on this interface;
 * the adapter to the BERT engine lives elsewhere.
 */
@FunctionalInterface
public interface FlowSource {
    /**
     * @param sentence a treebank sentence
     * @return its word-level maps (one word per {@link Sentence#words()} entry, same order), or null to skip
     *         the sentence (e.g. too long for the model); skipped sentences are counted, not analysed
     */
    FlowMaps compute(Sentence sentence);
}
