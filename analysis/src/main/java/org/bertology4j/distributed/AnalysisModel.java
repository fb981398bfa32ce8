package org.bertology4j.distributed;

import org.bertology4j.analysis.attention.AttentionSource;
import org.bertology4j.analysis.attention.ModelAttentionSource;
import org.bertology4j.analysis.attention.SentenceEncoder;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.tokenizer.BertTokenizer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model directory loaded for the analyses: float32 engine, tokenizer limited to the model's positions, and the
 * attention source. Loaded the same way as the single-process CLI does, so both runs see the same numbers.
 */
public record AnalysisModel(Path directory, BertModel model, BertTokenizer tokenizer) {

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

    /** Words to word pieces, as the analyses encode sentences. */
    public SentenceEncoder encoder() { return tokenizer::encodeWords; }

    /** A fresh attention source over the shared engine (cheap; one per task). */
    public AttentionSource attention() { return new ModelAttentionSource(model); }
}
