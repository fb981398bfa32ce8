package org.bertology4j.cli;

import org.bertology4j.core.model.BertModel;
import org.bertology4j.io.ModelIdentity;
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

    /** SHA-256 of the weights, from the one accessor results and checkpoints use ({@link ModelIdentity#weightsSha256}). */
    String weightsHash() { return ModelIdentity.weightsSha256(directory); }

    /** The identity for reports: name, source and weights hash, not this machine's path ({@link ModelIdentity}). */
    String identity() { return ModelIdentity.of(directory.path()).toString(); }
}
