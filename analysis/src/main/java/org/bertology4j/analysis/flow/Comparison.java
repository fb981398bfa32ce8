package org.bertology4j.analysis.flow;

import java.util.List;

/**
 * One measure's two-group comparison: Welch's t per layer (index n = layer n+1) and pooled.
 *
 * @param perLayer one test per layer
 * @param pooled   the test on each item's mean over layers
 */
public record Comparison(List<WelchResult> perLayer, WelchResult pooled) {}
