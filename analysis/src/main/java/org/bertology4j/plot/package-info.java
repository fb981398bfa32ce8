/**
 * The one plotting package (XChart, PNG written atomically): generic heatmaps, line charts and scatter plots
 * ({@link org.bertology4j.plot.Plots}) and the per-head figures shared by the studies
 * ({@link org.bertology4j.plot.HeadPlots}); attention as line drawings, Clark et al.'s Figures 1 and 5
 * ({@link org.bertology4j.plot.AttentionLines}, Java2D).
 */
package org.bertology4j.plot;
