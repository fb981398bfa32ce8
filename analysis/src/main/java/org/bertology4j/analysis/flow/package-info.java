/**
 * The gradient information-flow study (A_n, G_n, G*_n between words, per layer): coreference, parts of speech and
 * dependency distance. {@link org.bertology4j.analysis.flow.FlowResults} writes the results of a run;
 * {@link org.bertology4j.analysis.flow.FlowAccumulator} accumulates, {@link org.bertology4j.analysis.flow.EngineFlowSource}
 * computes the maps with the engine. The study's samples: {@link org.bertology4j.analysis.flow.SentenceSample} (seeded
 * random sentences) and {@link org.bertology4j.analysis.flow.CorefPairSample} with
 * {@link org.bertology4j.analysis.flow.CorefPairStudy} (one noun-pronoun pair per sentence, half coreferent).
 */
package org.bertology4j.analysis.flow;
