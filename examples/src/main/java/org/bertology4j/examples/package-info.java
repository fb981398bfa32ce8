/**
 * Runnable examples of the library, each a {@code main} taking a model directory or cache name (default
 * {@code bert-base-uncased}): {@link org.bertology4j.examples.ReadmeExample} (the README's snippet),
 * {@link org.bertology4j.examples.WordLevelAttention}, {@link org.bertology4j.examples.DeepLiftPerLayer},
 * {@link org.bertology4j.examples.JacobianFlow}, {@link org.bertology4j.examples.HeadsOnTreebank} and
 * {@link org.bertology4j.examples.ThreadedBatches}. Run one with
 * {@code mvn -q -pl examples exec:java -Dexec.mainClass=org.bertology4j.examples.JacobianFlow} after
 * {@code mvn -q install -DskipTests}, or from an IDE.
 */
package org.bertology4j.examples;
