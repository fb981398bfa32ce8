package org.bertology4j.weights;

import java.util.Set;

/** A set of named tensors: a safetensors file, a TensorFlow checkpoint, ONNX initializers, or tensors in memory. */
public interface TensorSource extends AutoCloseable {
    /** Names of all tensors, in the source's own naming. */
    Set<String> names();

    /** True when a tensor of that name exists. */
    default boolean contains(String name) { return names().contains(name); }

    /** The tensor of that name; a {@link WeightsException} naming the tensor and the source when missing. */
    Tensor get(String name);

    /** Where the tensors come from (a file path or a description), used in error messages. */
    String description();

    @Override
    default void close() {}
}
