/**
 * Runnable examples of the library, each a {@code main} taking a model directory or cache name (default
 * {@code bert-base-uncased}): {@link org.bertology4j.examples.ReadmeExample} (the README's snippet),
 * {@link org.bertology4j.examples.WordLevelAttention}, {@link org.bertology4j.examples.DeepLiftPerLayer},
 * {@link org.bertology4j.examples.JacobianFlow}, {@link org.bertology4j.examples.HeadsOnTreebank},
 * {@link org.bertology4j.examples.ThreadedBatches} and {@link org.bertology4j.examples.OneInputFiles} (one input's
 * result files and viewer page, as the single-input commands write them; its first argument is the output folder). Run one with
 * {@code mvn -q -pl examples exec:java -Dexec.mainClass=org.bertology4j.examples.JacobianFlow} after
 * {@code mvn -q install -DskipTests}, or from an IDE.
 */
package org.bertology4j.examples;
