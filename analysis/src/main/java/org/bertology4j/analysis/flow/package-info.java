/**
 * The gradient information-flow study (A_n, G_n, G*_n between words, per layer): coreference, parts of speech and
 * dependency distance. {@link org.bertology4j.analysis.flow.FlowResults} writes the results of a run;
 * {@link org.bertology4j.analysis.flow.FlowAccumulator} accumulates, {@link org.bertology4j.analysis.flow.EngineFlowSource}
 * computes the maps with the engine.
 */
package org.bertology4j.analysis.flow;
