/**
 * Attribution methods beyond the papers, computed from the engine's outputs: attention rollout and attention flow
 * (Abnar and Zuidema 2020, {@link org.bertology4j.analysis.attribution.AttentionRollout},
 * {@link org.bertology4j.analysis.attribution.AttentionFlow}), over head-averaged attention with the residual
 * connection mixed in ({@link org.bertology4j.analysis.attribution.ResidualAttention}), and norm-based attention
 * (Kobayashi et al. 2020, {@link org.bertology4j.analysis.attribution.ValueNormAttention}) per layer and per head. Every map is
 * {@code [output token][input token]}, the rows of the top layer over the tokens of the input.
 */
package org.bertology4j.analysis.attribution;
