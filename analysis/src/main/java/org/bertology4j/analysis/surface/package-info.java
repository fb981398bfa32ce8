/**
 * Clark et al. 2019, section 3: surface statistics of attention and masked-LM attention gradients.
 * {@link org.bertology4j.analysis.surface.SurfaceStudy} writes the results of a run (with
 * {@link org.bertology4j.analysis.surface.SurfaceFindings}, the paper's numbers of Sect. 3.1-3.3 beside ours);
 * {@link org.bertology4j.analysis.surface.SurfacePass} accumulates; {@link org.bertology4j.analysis.surface.Segments}
 * chooses the inputs (paragraph pairs, or filled to the length limit as BERT's pre-training data).
 */
package org.bertology4j.analysis.surface;
