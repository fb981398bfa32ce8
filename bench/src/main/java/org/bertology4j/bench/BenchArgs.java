package org.bertology4j.bench;

import org.bertology4j.core.model.BertModel;
import org.bertology4j.weights.BertConfig;
import org.bertology4j.weights.ModelCache;
import org.nd4j.linalg.api.buffer.DataType;

/** The benches' command-line arguments: the model first ({@code random}, a cache name or a directory), then numbers. */
final class BenchArgs {
    private BenchArgs() {}

    /** {@code args[0]}: {@code random} (BERT-base shape, seed 1), a model cache name or directory; default bert-base-uncased. */
    static BertModel model(String[] args) {
        String name = args.length > 0 ? args[0] : "bert-base-uncased";
        return name.equals("random")
                ? BertModel.random(BertConfig.bertBase(), 1, DataType.FLOAT)
                : BertModel.load(ModelCache.defaultCache().resolve(name));
    }

    /** {@code args[i]} as an integer, or {@code fallback} when absent. */
    static int number(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
