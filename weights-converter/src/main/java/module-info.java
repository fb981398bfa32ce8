/** Model directories, the model cache and weight conversion (safetensors, TensorFlow, ONNX); no ND4J. */
module org.bertology4j.weights {
    requires com.fasterxml.jackson.databind;
    requires protobuf.java;
    exports org.bertology4j.weights;
    exports org.bertology4j.weights.safetensors;
    exports org.bertology4j.weights.tf;
    exports org.bertology4j.weights.onnx;
}
