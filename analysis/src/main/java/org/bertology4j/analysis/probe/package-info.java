/**
 * Clark et al. (2019) section 5: attention-based dependency probes.
 *
 * <p>Main entry point: {@link org.bertology4j.analysis.probe.ProbeStudy}, the whole study (probes trained one pass on
 * a training treebank, UAS on another, the right-branching and distances + word vectors baselines, the model and a
 * random-init model; resumable) with an immutable {@link org.bertology4j.analysis.probe.ProbeStudy.Options options}
 * record and a {@link org.bertology4j.analysis.probe.ProbeStudy.Result result} that writes {@code probe.json} and
 * {@code probe.md}. The building blocks for other probing set-ups: {@link org.bertology4j.analysis.probe.ArcProbe}
 * (the bilinear head-selection probe with its Adam state), {@link org.bertology4j.analysis.probe.ProbeAnalysis}
 * (feature sources, one-pass training, UAS evaluation, right-branching), the Table 3 baselines in the paper's and the
 * earlier variants ({@link org.bertology4j.analysis.probe.DistanceBaseline},
 * {@link org.bertology4j.analysis.probe.RandomInit}), and the word vectors
 * ({@link org.bertology4j.analysis.probe.WordVectors}, {@link org.bertology4j.analysis.probe.GloveVectors}).
 */
package org.bertology4j.analysis.probe;
