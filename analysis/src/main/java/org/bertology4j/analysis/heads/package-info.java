/**
 * Clark et al. 2019, 4.2: every attention head as a dependency parser. {@link org.bertology4j.analysis.heads.HeadsStudy}
 * runs it from Java and writes the results; {@link org.bertology4j.analysis.heads.HeadsAccumulator} counts,
 * {@link org.bertology4j.analysis.heads.HeadsResult} reports (heads.json, heads.md, figures; with the word split rate of
 * 4.1). {@link org.bertology4j.analysis.heads.ExampleHeads} draws the paper's example-head Figures 1 and 5 from a model.
 */
package org.bertology4j.analysis.heads;
