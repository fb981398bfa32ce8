package org.bertology4j.distributed;

import org.bertology4j.analysis.attention.SentenceEncoder;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.corpus.BatchedModelAttention;
import org.bertology4j.corpus.EngineTime;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.io.ModelIdentity;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model directory loaded for the corpus studies: float32 engine, tokenizer limited to the model's positions, and
 * the batched attention source. The same object serves a single-process run and every task of a Spark executor
 * (the engine's forward pass is thread-safe); {@link #time()} adds up the engine time of all of them.
 */
public final class AnalysisModel {
    /** Token budget of one batched forward pass (batch size x padded length) unless a study sets its own. */
    public static final int DEFAULT_TOKEN_BUDGET = 2048;

    private final Path directory;
    private final BertModel model;
    private final BertTokenizer tokenizer;
    private final EngineTime time = new EngineTime();
    private volatile ModelIdentity identity;

    /** An already loaded model and its tokenizer (e.g. a model a program shares with other work). */
    public AnalysisModel(Path directory, BertModel model, BertTokenizer tokenizer) {
        this.directory = directory;
        this.model = model;
        this.tokenizer = tokenizer;
    }

    /** Loads {@code dir} (config.json + model.safetensors + vocab.txt). */
    public static AnalysisModel load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("model directory not found: " + dir + " (on a cluster every executor "
                    + "must see the model at the same path, e.g. on a shared file system)");
        }
        BertModel model = BertModel.load(dir);
        BertTokenizer tok = BertTokenizer.fromModelDirectory(dir).withMaxLength(model.config().maxPositionEmbeddings());
        return new AnalysisModel(dir, model, tok);
    }

    /** The model directory. */
    public Path directory() { return directory; }

    /** The engine. */
    public BertModel model() { return model; }

    /** The tokenizer, limited to the model's positions. */
    public BertTokenizer tokenizer() { return tokenizer; }

    /** Words to word pieces, as the analyses encode sentences. */
    public SentenceEncoder encoder() { return tokenizer::encodeWords; }

    /** A batched attention source over the shared engine with the default token budget (cheap; one per task). */
    public BatchedModelAttention attention() { return attention(DEFAULT_TOKEN_BUDGET); }

    /** A batched attention source over the shared engine, recording into {@link #time()}. */
    public BatchedModelAttention attention(int tokenBudget) { return new BatchedModelAttention(model, tokenBudget, time); }

    /** Engine time of every source made from this model. */
    public EngineTime time() { return time; }

    /** The model's identity for results and checkpoints (name, source, hashes; not this machine's path), computed once. */
    public ModelIdentity modelIdentity() {
        ModelIdentity id = identity;
        if (id == null) identity = id = ModelIdentity.of(directory);
        return id;
    }

    /** {@link #modelIdentity()} as reports print it. */
    public String identity() { return modelIdentity().toString(); }
}
