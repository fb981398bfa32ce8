/**
 * The one plotting package (XChart, PNG written atomically): generic heatmaps, line charts and scatter plots
 * ({@link org.bertology4j.plot.Plots}), the per-head figures shared by the studies
 * ({@link org.bertology4j.plot.HeadPlots}); attention as line drawings, Clark et al.'s Figures 1 and 5
 * ({@link org.bertology4j.plot.AttentionLines}, Java2D); tokens as running text coloured by a score per layer, the
 * DeepLIFT figures of the QA study ({@link org.bertology4j.plot.TokenScoreFigure}, SVG).
 */
package org.bertology4j.plot;
