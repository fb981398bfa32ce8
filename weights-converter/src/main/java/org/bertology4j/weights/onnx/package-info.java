/**
 * BERT weights from ONNX files: {@link org.bertology4j.weights.onnx.OnnxInitializerReader} reads a graph's
 * initializers (raw or typed data, external data files) and {@link org.bertology4j.weights.onnx.OnnxBertMapping}
 * names them as Hugging Face does, also where an exporter folded or renamed them (e.g. the embedding models shipped
 * in langchain4j jars).
 */
package org.bertology4j.weights.onnx;
