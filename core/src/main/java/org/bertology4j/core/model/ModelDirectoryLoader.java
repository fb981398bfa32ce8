package org.bertology4j.core.model;

import org.bertology4j.weights.ModelDirectory;
import org.bertology4j.weights.Tensor;
import org.bertology4j.weights.TensorSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads a {@link BertModel} from a model directory (config.json + model.safetensors). Every tensor in the file is
 * either used or reported: those the model does not read (an NSP head, a {@code position_ids} buffer...) are named
 * in a one-line notice; those of layers beyond {@code num_hidden_layers} are refused by {@link ModelDirectory#validate}.
 */
final class ModelDirectoryLoader {
    private static final System.Logger LOG = System.getLogger(ModelDirectoryLoader.class.getName());

    private ModelDirectoryLoader() {}

    static BertModel load(Path dir, LoadOptions options) {
        return load(dir, options, notice -> LOG.log(System.Logger.Level.INFO, notice));
    }

    /** {@link #load(Path, LoadOptions)} handing its one-line notices to {@code notices}. */
    static BertModel load(Path dir, LoadOptions options, java.util.function.Consumer<String> notices) {
        ModelDirectory md = ModelDirectory.open(dir);
        md.validate();   // shapes, float dtypes, no tensor of a layer beyond the config, vocabulary size: named errors
        // Weights are copied into ND4J arrays, so the memory-mapped file can be closed afterwards.
        try (Recording tensors = new Recording(md.tensors())) {
            BertModel model = BertModel.fromTensors(md.config(), tensors, options);
            List<String> unused = tensors.names().stream().filter(n -> !tensors.read.contains(n)).toList();
            if (!unused.isEmpty()) {
                notices.accept("bertology4j: " + tensors.description() + ": " + unused.size()
                        + " tensor" + (unused.size() > 1 ? "s" : "") + " not used by the model: " + unused);
            }
            return model;
        }
    }

    /** A source that remembers which tensors were read. */
    private static final class Recording implements TensorSource {
        private final TensorSource inner;
        private final Set<String> read = ConcurrentHashMap.newKeySet();

        Recording(TensorSource inner) { this.inner = inner; }

        @Override public Set<String> names() { return inner.names(); }

        @Override
        public Tensor get(String name) {
            Tensor t = inner.get(name);
            read.add(name);
            return t;
        }

        @Override public String description() { return inner.description(); }

        @Override public void close() { inner.close(); }
    }
}
