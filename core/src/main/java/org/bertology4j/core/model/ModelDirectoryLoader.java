package org.bertology4j.core.model;

import org.bertology4j.core.layers.Gelu;
import org.bertology4j.weights.ModelDirectory;
import org.bertology4j.weights.TensorSource;
import org.nd4j.linalg.api.buffer.DataType;

import java.nio.file.Path;

/** Loads a {@link BertModel} from a model directory (config.json + model.safetensors). */
final class ModelDirectoryLoader {
    private ModelDirectoryLoader() {}

    static BertModel load(Path dir, DataType dataType, Gelu.Form gelu) {
        ModelDirectory md = ModelDirectory.open(dir);
        // Weights are copied into ND4J arrays, so the memory-mapped file can be closed afterwards.
        try (TensorSource tensors = md.tensors()) {
            return BertModel.fromTensors(md.config(), tensors, dataType, gelu == null ? BertModel.geluOf(md.config()) : gelu);
        }
    }
}
