/** Clark et al. 2019, section 3: surface statistics of attention and masked-LM attention gradients. {@link org.bertology4j.analysis.surface.SurfaceStudy} writes the results of a run; {@link org.bertology4j.analysis.surface.SurfacePass} accumulates. */
package org.bertology4j.analysis.surface;
