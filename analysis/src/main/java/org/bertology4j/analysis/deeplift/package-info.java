/**
 * DeepLIFT of one input as a result with files: {@link org.bertology4j.analysis.deeplift.DeepLiftResult} (core's
 * {@link org.bertology4j.core.deeplift.DeepLift} with the vocabulary's special tokens; scores.npy, deeplift.json and
 * the per-layer figure) and {@link org.bertology4j.analysis.deeplift.DeepLiftTargets} (targets and references by
 * their text form, e.g. {@code mlm:mask:paris}).
 */
package org.bertology4j.analysis.deeplift;
