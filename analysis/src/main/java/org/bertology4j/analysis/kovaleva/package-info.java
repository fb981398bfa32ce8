/**
 * Kovaleva et al. (2019), "Revealing the dark secrets of BERT": fine-tuning with baselines and the attention analyses.
 *
 * <p>Main entry points, each a study callable from Java whose result writes its own JSON (the command line draws the
 * figures from the same result):
 * <ul>
 *   <li>{@link org.bertology4j.analysis.kovaleva.FineTuningStudy}: fine-tuning a sequence classifier (resumable), the
 *       majority-class and frozen-encoder baselines ({@link org.bertology4j.analysis.kovaleva.FrozenEncoderBaseline})
 *       and exact {@link org.bertology4j.analysis.kovaleva.McNemar} tests against them; {@code finetune.json};</li>
 *   <li>{@link org.bertology4j.analysis.kovaleva.PatternStudy}: the five attention-map types
 *       ({@link org.bertology4j.analysis.kovaleva.PatternRule}, {@link org.bertology4j.analysis.kovaleva.PatternClass});</li>
 *   <li>{@link org.bertology4j.analysis.kovaleva.HeadDisablingStudy}: accuracy with each head and layer disabled
 *       ({@link org.bertology4j.analysis.kovaleva.HeadDisabling}), each change with its exact McNemar test and bootstrap
 *       interval ({@link org.bertology4j.analysis.kovaleva.PairedChange});</li>
 *   <li>{@link org.bertology4j.analysis.kovaleva.AttentionChangeStudy}: per-head cosine similarity pre-trained vs
 *       fine-tuned ({@link org.bertology4j.analysis.kovaleva.AttentionChange});</li>
 *   <li>{@link org.bertology4j.analysis.kovaleva.TokenClassStudy}: attention to token classes
 *       ({@link org.bertology4j.analysis.kovaleva.TokenClass}), scored as the paper does or by row maxima
 *       ({@link org.bertology4j.analysis.kovaleva.TokenClassScore});</li>
 *   <li>{@link org.bertology4j.analysis.kovaleva.TokenToTokenStudy}: heads attending along verb→subject and
 *       pronoun↔noun links ({@link org.bertology4j.analysis.kovaleva.TokenRelation}) against previous/next-token
 *       attention;</li>
 *   <li>{@link org.bertology4j.analysis.kovaleva.ClsAttentionStudy}: where [CLS] attends, per layer and head
 *       ({@link org.bertology4j.analysis.kovaleva.ClsTarget}).</li>
 * </ul>
 * The analyses run on a {@link org.bertology4j.analysis.tasks.DevSample} (a seeded dev subset of a task).
 */
package org.bertology4j.analysis.kovaleva;
