/** The Apache Spark {@link org.bertology4j.distributed.DistributedRunner} ({@link org.bertology4j.spark.SparkCorpusRunner}, registered as a service): slices of whole documents as partitions, one model per executor JVM, states merged in slice order. */
package org.bertology4j.spark;
