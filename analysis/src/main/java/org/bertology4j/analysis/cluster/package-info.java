/** Clark et al. 2019, section 6: Jensen-Shannon distances between heads and their SMACOF map. {@link org.bertology4j.analysis.cluster.ClusterStudy} writes the results of a run. */
package org.bertology4j.analysis.cluster;
