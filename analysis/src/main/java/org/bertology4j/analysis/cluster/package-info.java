/**
 * Clark et al. 2019, section 6: Jensen-Shannon distances between heads and their 2-D map, by metric SMACOF or Kruskal's
 * non-metric MDS ({@link org.bertology4j.analysis.cluster.Mds}). {@link org.bertology4j.analysis.cluster.ClusterStudy}
 * writes the results of a run.
 */
package org.bertology4j.analysis.cluster;
