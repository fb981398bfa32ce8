package org.bertology4j.cli;

import org.bertology4j.core.model.BertModel;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.viewer.InputView;
import org.bertology4j.weights.ModelDirectory;

/** A model directory with its engine and tokenizer, as the commands use them. */
record LoadedModel(ModelDirectory directory, BertModel model, BertTokenizer tokenizer) {

    /** Resolves {@code --model} (fetching a known model when needed) and loads it in float32. */
    static LoadedModel open(ModelOption option) {
        ModelDirectory dir = option.open();
        BertModel model = BertModel.load(dir.path());
        BertTokenizer tok = BertTokenizer.fromModelDirectory(dir.path())
                .withMaxLength(model.config().maxPositionEmbeddings());
        return new LoadedModel(dir, model, tok);
    }

    /** The viewer page of this model, named by {@link #name()} and {@link #weightsHash()}. */
    InputView view() { return InputView.of(model, tokenizer).withModel(name(), weightsHash()); }

    /** Name of the model: the directory's name. */
    String name() { return directory.path().toAbsolutePath().normalize().getFileName().toString(); }

    /** SHA-256 of the weights file as recorded at conversion, or "unknown" for directories not converted by us. */
    String weightsHash() {
        return directory.provenance().map(p -> p.path("model_sha256").asText("unknown")).orElse("unknown");
    }

    /** A short identity for reports: the directory and, when recorded, the source. */
    String identity() { return identity(directory); }

    /** {@link #identity()} of a model directory that is not loaded (e.g. a Spark run's). */
    static String identity(ModelDirectory directory) {
        return directory.path() + directory.provenance().map(p -> " (" + p.path("source").asText() + ")").orElse("");
    }
}
