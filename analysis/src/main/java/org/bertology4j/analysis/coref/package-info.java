/** Clark et al. 2019, 4.3: attention heads as coreference resolvers. {@link org.bertology4j.analysis.coref.CorefStudy} writes the results of a run; {@link org.bertology4j.analysis.coref.CorefAccumulator} counts. */
package org.bertology4j.analysis.coref;
