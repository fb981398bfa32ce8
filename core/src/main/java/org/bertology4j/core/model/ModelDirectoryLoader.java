package org.bertology4j.core.model;

import org.bertology4j.weights.ModelDirectory;
import org.bertology4j.weights.TensorSource;

import java.nio.file.Path;

/** Loads a {@link BertModel} from a model directory (config.json + model.safetensors). */
final class ModelDirectoryLoader {
    private ModelDirectoryLoader() {}

    static BertModel load(Path dir, LoadOptions options) {
        ModelDirectory md = ModelDirectory.open(dir);
        md.validate();   // shapes, float dtypes, no tensor of a layer beyond the config, vocabulary size: named errors
        // Weights are copied into ND4J arrays, so the memory-mapped file can be closed afterwards.
        try (TensorSource tensors = md.tensors()) {
            return BertModel.fromTensors(md.config(), tensors, options);
        }
    }
}
