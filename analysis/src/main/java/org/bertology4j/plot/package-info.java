/**
 * The one plotting package (XChart, PNG written atomically): generic heatmaps, line charts and scatter plots
 * ({@link org.bertology4j.plot.Plots}) and the per-head figures shared by the studies
 * ({@link org.bertology4j.plot.HeadPlots}).
 */
package org.bertology4j.plot;
