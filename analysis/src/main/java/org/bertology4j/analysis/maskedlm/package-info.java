/** Masked-LM predictions of one input: {@link org.bertology4j.analysis.maskedlm.FillMask} (top-k per [MASK], pieces named). */
package org.bertology4j.analysis.maskedlm;
