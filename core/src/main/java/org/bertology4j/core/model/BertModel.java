package org.bertology4j.core.model;

import org.bertology4j.core.heads.HeadType;
import org.bertology4j.core.heads.SpanLogits;
import org.bertology4j.core.layers.Embeddings;
import org.bertology4j.core.layers.EncoderLayer;
import org.bertology4j.core.layers.Gelu;
import org.bertology4j.core.layers.HeadIntervention;
import org.bertology4j.core.layers.LayerRules;
import org.bertology4j.core.layers.RuleSet;
import org.bertology4j.core.layers.SelfAttention;
import org.bertology4j.weights.BertConfig;
import org.bertology4j.weights.TensorSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A loaded BERT: the forward pass with optional trace and head interventions, and task heads.
 * Weights are immutable and every forward allocates its own arrays, so one model serves
 * concurrent {@link #forward} calls from several threads.
 */
public final class BertModel {
    static {
        NativeBuild.select();   // before this class's first ND4J call loads the natives
    }

    private final BertWeights weights;
    /** Null: {@link Execution#processDefault()} at each call. */
    private final Execution execution;

    private BertModel(BertWeights weights, Execution execution) {
        this.weights = weights;
        this.execution = execution;
    }

    /**
     * The same model (shared weights) running under {@code execution}: kernel threads, batch workers, gemm timing.
     * Results are the same up to float rounding (a batch split into parts multiplies fewer rows per product).
     */
    public BertModel withExecution(Execution execution) {
        if (execution == null) throw new IllegalArgumentException("execution is null");
        return new BertModel(weights, execution);
    }

    /** The execution calls run under (the process default when none was given). */
    public Execution execution() { return execution != null ? execution : Execution.processDefault(); }

    /** Loads {@code config.json} + {@code model.safetensors} from a Hugging Face style directory, float32. */
    public static BertModel load(Path modelDir) { return load(modelDir, LoadOptions.defaults()); }

    /** Loads a model directory in the given data type (FLOAT or DOUBLE); the GELU form follows config.json's hidden_act. */
    public static BertModel load(Path modelDir, DataType dataType) { return load(modelDir, LoadOptions.of(dataType)); }

    /** Loads a model directory with options (data type; an activation other than config.json's). */
    public static BertModel load(Path modelDir, LoadOptions options) {
        return ModelDirectoryLoader.load(modelDir, options);
    }

    /** A model from tensors with Hugging Face names (with or without the {@code bert.} prefix). */
    public static BertModel fromTensors(BertConfig config, TensorSource tensors, DataType dataType) {
        return fromTensors(config, tensors, LoadOptions.of(dataType));
    }

    /** As {@link #fromTensors(BertConfig, TensorSource, DataType)} with options. */
    public static BertModel fromTensors(BertConfig config, TensorSource tensors, LoadOptions options) {
        return new BertModel(BertWeights.load(config, tensors, options.dataType(), options.gelu(config)), null);
    }

    /** A model with seeded random weights and every head (tests, benchmarks). */
    public static BertModel random(BertConfig config, long seed, DataType dataType) {
        return fromTensors(config, RandomBertWeights.tensors(config, seed), dataType);
    }

    public BertConfig config() { return weights.config(); }
    public DataType dataType() { return weights.dataType(); }
    public BertWeights weights() { return weights; }

    /** Whether the checkpoint carries the tensors of a head. */
    public boolean hasHead(HeadType head) {
        return switch (head) {
            case MASKED_LM -> weights.maskedLm() != null;
            case POOLER -> weights.pooler() != null;
            case SEQUENCE_CLASSIFICATION -> weights.classifier() != null && weights.pooler() != null;
            case TOKEN_CLASSIFICATION -> weights.classifier() != null;
            case QUESTION_ANSWERING -> weights.qaOutputs() != null;
        };
    }

    /** Forward pass keeping only the last hidden state. */
    public ForwardTrace forward(BertInput input) { return forward(input, TraceOptions.none()); }

    /**
     * Runs the encoder.
     *
     * @throws IllegalArgumentException for inputs outside the config (ids, segments, length) or
     *                                  interventions on layers/heads that do not exist
     */
    public ForwardTrace forward(BertInput input, TraceOptions options) {
        check(input, options);
        Execution exec = execution();
        int parts = BatchParallel.partsFor(input.batchSize(), options, config(), exec.batchWorkers());
        return exec.run(() -> parts > 1 ? forwardInParts(input, options, parts, exec) : forwardWhole(input, options, null, null));
    }

    /**
     * How many parts (threads) a {@link #forward(BertInput, TraceOptions)} of {@code batchSize} sequences with
     * {@code options} is split into under this model's execution: 1 unless the batch has several sequences, the
     * execution several batch workers, the trace keeps no backward caches and a layer's weights fit in half the CPU's
     * last-level cache. Time summed over threads ({@link Execution#gemmNanos()}) is spread over this many.
     */
    public int forwardParts(int batchSize, TraceOptions options) {
        return BatchParallel.partsFor(batchSize, options, config(), execution().batchWorkers());
    }

    /**
     * Runs the encoder on given word-embedding vectors instead of the input's ids (Hugging Face's
     * {@code inputs_embeds}): word vectors + segment + position embeddings, LayerNorm, the layers. Segments and
     * the attention mask come from {@code input} (its ids are not looked up); DeepLIFT runs input and references so.
     *
     * @param words word-embedding vectors [B, T, H] or [B·T, H]
     */
    public ForwardTrace forward(BertInput input, INDArray words, TraceOptions options) {
        check(input, options);
        return execution().run(() -> forwardWhole(input, options, null, new Start(0, rows(words, input), true)));
    }

    /**
     * Runs layers {@code layer} .. L-1 from a given hidden state h_layer (the input of layer {@code layer}), e.g. one
     * kept by an earlier trace: re-running the top of the model with other interventions. The trace holds hidden
     * states from h_layer on; it has no embeddings cache and no caches, scores or attention of the layers below.
     *
     * @param hidden h_layer [B, T, H] or [B·T, H]
     */
    public ForwardTrace forwardFrom(int layer, INDArray hidden, BertInput input, TraceOptions options) {
        if (layer < 0 || layer > config().numHiddenLayers()) {
            throw new IndexOutOfBoundsException("layer " + layer + " not in [0, " + config().numHiddenLayers() + "]");
        }
        check(input, options);
        return execution().run(() -> forwardWhole(input, options, null, new Start(layer, rows(hidden, input), false)));
    }

    /** Where a forward starts: at layer {@code layer} from h_layer, or (words) from word-embedding vectors. */
    private record Start(int layer, INDArray rows, boolean words) {}

    private INDArray rows(INDArray a, BertInput input) {
        long n = (long) input.batchSize() * input.seqLen(), h = config().hiddenSize();
        if (a.length() != n * h || (a.rank() != 2 && a.rank() != 3) || a.size(-1) != h) {
            throw new IllegalArgumentException("expected [" + input.batchSize() + ", " + input.seqLen() + ", " + h + "] or [" + n + ", " + h
                    + "], got " + java.util.Arrays.toString(a.shape()));
        }
        return a.castTo(dataType()).dup('c').reshape('c', n, h);
    }

    private void check(BertInput input, TraceOptions options) {
        BertConfig cfg = config();
        input.validate(cfg);
        for (int layer : options.intervenedLayers()) {
            if (layer >= cfg.numHiddenLayers()) {
                throw new IllegalArgumentException("intervention on layer " + layer + " but the model has "
                        + cfg.numHiddenLayers() + " layers");
            }
            for (HeadIntervention iv : options.interventions(layer)) {
                if (iv.map() != null && iv.map().rank() == 3 && iv.map().size(0) != input.batchSize()) {
                    throw new IllegalArgumentException("replacement map for layer " + layer + " head " + iv.head()
                            + " has " + iv.map().size(0) + " sequences but the batch has " + input.batchSize());
                }
            }
        }
    }

    /** Rows [from, to) of a batch split over threads, with the whole batch's arrays that kept attention goes into. */
    private record Part(int from, int to, INDArray[] attention) {}

    /** Runs the parts of a split batch on their threads and joins their traces (see {@link BatchParallel}). */
    private ForwardTrace forwardInParts(BertInput input, TraceOptions options, int parts, Execution exec) {
        int b = input.batchSize(), t = input.seqLen(), layers = config().numHiddenLayers();
        INDArray[] attention = options.keepAttention() ? new INDArray[layers] : null;
        long[] shape = {b, config().numAttentionHeads(), t, t};
        for (int l = 0; attention != null && l < layers; l++) attention[l] = Nd4j.createUninitialized(dataType(), shape, 'c');
        IntFunction<ForwardTrace> runPart = p -> {
            Part part = new Part(b * p / parts, b * (p + 1) / parts, attention);
            return exec.withKernelThreads(1).run(() -> forwardWhole(input.rows(part.from(), part.to()), options, part, null));
        };
        List<Future<ForwardTrace>> helpers = new ArrayList<>();
        ExecutorService pool = BatchParallel.pool(parts - 1);
        for (int p = 1; p < parts; p++) {
            int index = p;
            helpers.add(pool.submit(() -> runPart.apply(index)));
        }
        ForwardTrace[] traces = new ForwardTrace[parts];
        traces[0] = runPart.apply(0);                       // the calling thread runs the first part
        for (int p = 1; p < parts; p++) {
            try {
                traces[p] = helpers.get(p - 1).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a part of the batch", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error err) throw err;
                throw new IllegalStateException("a part of the batch failed", e.getCause());
            }
        }
        ForwardTrace trace = new ForwardTrace(input, options, layers);
        trace.lastHidden = joined(traces, tr -> tr.lastHidden);
        for (int n = 0; n < layers && options.keepHiddenStates(); n++) {
            int layer = n;
            trace.hidden[n] = joined(traces, tr -> tr.hidden[layer]);
        }
        trace.hidden[layers] = trace.lastHidden;
        for (int l = 0; l < layers; l++) {
            int layer = l;
            if (options.keepAttention()) trace.attention[l] = attention[l];
            if (options.keepScores()) trace.scores[l] = joined(traces, tr -> tr.scores[layer]);
            if (options.keepFfnActivations()) trace.ffn[l] = joined(traces, tr -> tr.ffn[layer]);
        }
        return trace;
    }

    /** The parts' arrays stacked along their first axis, in batch order. */
    private static INDArray joined(ForwardTrace[] traces, Function<ForwardTrace, INDArray> get) {
        INDArray[] arrays = new INDArray[traces.length];
        for (int p = 0; p < traces.length; p++) arrays[p] = get.apply(traces[p]);
        return Nd4j.concat(0, arrays);
    }

    /**
     * The forward pass over the whole of {@code input}, which is rows of a split batch when {@code part} is given;
     * from the ids, or from {@code start}'s word vectors or hidden state.
     */
    private ForwardTrace forwardWhole(BertInput input, TraceOptions options, Part part, Start start) {
        BertConfig cfg = config();
        int b = input.batchSize(), t = input.seqLen();
        DataType dt = dataType();
        INDArray realMask = input.realMask(dt);
        // Without padding the additive mask is all zeros: skip adding it (one op per layer fewer).
        INDArray additiveMask = input.additiveMask(realMask);

        ForwardTrace trace = new ForwardTrace(input, options, cfg.numHiddenLayers());
        INDArray h;
        int from = 0;
        if (start != null && !start.words()) {
            from = start.layer();
            h = start.rows();
        } else {
            int[] ids = new int[b * t], seg = new int[b * t];
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < t; j++) {
                    ids[i * t + j] = input.id(i, j);
                    seg[i * t + j] = input.segment(i, j);
                }
            }
            Embeddings.Cache ec = options.keepCaches() ? new Embeddings.Cache() : null;
            h = start == null ? weights.embeddings().forward(ids, seg, b, t, ec)
                    : weights.embeddings().forwardFromWords(start.rows(), seg, b, t, ec);
            trace.embeddingsCache = ec;
        }
        boolean wantRecord = options.keepAttention() || options.keepScores() || options.keepFfnActivations();
        for (int l = from; l < cfg.numHiddenLayers(); l++) {
            if (options.keepHiddenStates()) trace.hidden[l] = h;
            List<HeadIntervention> iv = options.interventions(l);
            if (part != null) iv = iv.stream().map(v -> v.forRows(part.from(), part.to())).toList();
            EncoderLayer.Record rec = null;
            if (wantRecord) {
                INDArray into = part == null || part.attention() == null ? null : part.attention()[l].get(
                        NDArrayIndex.interval(part.from(), part.to()), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
                rec = new EncoderLayer.Record(new SelfAttention.Record(options.keepScores(), options.keepAttention(), into),
                        options.keepFfnActivations());
            }
            EncoderLayer.Cache cache = options.keepCaches() ? new EncoderLayer.Cache() : null;
            // Temporaries live in reused scratch memory; backward caches keep nearly every temporary,
            // so with keepCaches everything is allocated normally.
            try (MemoryWorkspace scratch = cache == null ? ScratchMemory.layer() : null) {
                h = weights.layer(l).forward(h, b, t, additiveMask, realMask, iv, rec, cache);
                if (scratch != null) h = h.detach();
                if (rec != null) {
                    if (options.keepAttention()) trace.attention[l] = kept(rec.attention().probs(), scratch);
                    if (options.keepScores()) trace.scores[l] = kept(rec.attention().scores(), scratch);
                    if (options.keepFfnActivations()) trace.ffn[l] = kept(rec.ffnActivations(), scratch);
                }
            }
            trace.caches[l] = cache;
        }
        trace.lastHidden = h;
        trace.hidden[cfg.numHiddenLayers()] = h;
        return trace;
    }

    /** An array that outlives the layer: copied out of the scratch workspace when it lives there. */
    private static INDArray kept(INDArray a, MemoryWorkspace scratch) {
        return scratch != null && a.isAttached() ? a.detach() : a;
    }

    /**
     * The one backward traversal of the encoder: a cotangent of layer {@code top}'s output down through layers
     * top .. bottom with a method's rule set, returning the cotangent of layer {@code bottom}'s input. Each layer's
     * backward is its one composition ({@link EncoderLayer#backward(Object, org.bertology4j.core.layers.LayerRules)}).
     */
    public <G, A> G backward(G dOutput, int top, int bottom, RuleSet<G, A> rules) {
        if (bottom < 0 || top >= weights.numLayers() || bottom > top + 1) {
            throw new IndexOutOfBoundsException("layers top " + top + ", bottom " + bottom + " must satisfy 0 <= bottom <= top + 1, top < "
                    + weights.numLayers());
        }
        return execution().run(() -> {
            G g = dOutput;
            for (int l = top; l >= bottom; l--) {
                LayerRules<G, A> layerRules = rules.layer(l);
                try (MemoryWorkspace scratch = rules.inScratch() ? ScratchMemory.layer() : null) {
                    g = rules.cross(l, weights.layer(l), layerRules, g);
                }
                rules.atHidden(l, g);
            }
            return g;
        });
    }

    /** Masked-LM logits for every token [B, T, V]. For a few positions prefer {@link #maskedLmLogits(ForwardTrace, int, int)}. */
    public INDArray maskedLmLogits(ForwardTrace trace) {
        INDArray logits = HeadType.MASKED_LM.require(weights.maskedLm()).forward(trace.lastHiddenRows());
        return logits.reshape('c', trace.batchSize(), trace.seqLen(), logits.size(1));
    }

    /** Masked-LM logits [V] at one position of one batch item. */
    public INDArray maskedLmLogits(ForwardTrace trace, int batchIndex, int position) {
        INDArray row = rowOf(trace, batchIndex, position);
        return HeadType.MASKED_LM.require(weights.maskedLm()).forward(row).reshape(-1);
    }

    /**
     * Fill-mask: the {@code k} most probable tokens at one position of one batch item (typically a [MASK]), best
     * first, with their probabilities over the vocabulary. Map ids back to pieces with the tokenizer's vocabulary.
     */
    public java.util.List<org.bertology4j.core.heads.MaskedLmHead.Prediction> fillMask(ForwardTrace trace, int batchIndex,
                                                                                     int position, int k) {
        return org.bertology4j.core.heads.MaskedLmHead.topKOfLogits(maskedLmLogits(trace, batchIndex, position), k);
    }

    /** Pooled output tanh(dense(h_L[CLS])) [B, H]. */
    public INDArray pooledOutput(ForwardTrace trace) {
        INDArray cls = trace.lastHidden().get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()).dup('c');
        return HeadType.POOLER.require(weights.pooler()).forward(cls);
    }

    /** Sequence classification logits ({@code classifier} on the pooled output) [B, labels]. */
    public INDArray sequenceClassificationLogits(ForwardTrace trace) {
        HeadType.SEQUENCE_CLASSIFICATION.require(weights.classifier());
        return weights.classifier().forward(pooledOutput(trace), null);
    }

    /** Token classification logits ({@code classifier} on every token) [B, T, labels]. */
    public INDArray tokenClassificationLogits(ForwardTrace trace) {
        INDArray l = HeadType.TOKEN_CLASSIFICATION.require(weights.classifier()).forward(trace.lastHiddenRows(), null);
        return l.reshape('c', trace.batchSize(), trace.seqLen(), l.size(1));
    }

    /** Question-answering start/end logits ({@code qa_outputs}) [B, T] each. */
    public SpanLogits questionAnsweringLogits(ForwardTrace trace) {
        INDArray l = HeadType.QUESTION_ANSWERING.require(weights.qaOutputs()).forward(trace.lastHiddenRows(), null);
        INDArray start = l.getColumn(0).dup('c').reshape('c', trace.batchSize(), trace.seqLen());
        INDArray end = l.getColumn(1).dup('c').reshape('c', trace.batchSize(), trace.seqLen());
        return new SpanLogits(start, end);
    }

    private static INDArray rowOf(ForwardTrace trace, int b, int t) {
        if (b < 0 || b >= trace.batchSize() || t < 0 || t >= trace.seqLen()) {
            throw new IndexOutOfBoundsException("position (" + b + ", " + t + ") outside the batch [" + trace.batchSize()
                    + ", " + trace.seqLen() + "]");
        }
        return trace.lastHiddenRows().getRow((long) b * trace.seqLen() + t).reshape(1, -1).dup('c');
    }
}
