package org.bertology4j.corpus;

import org.bertology4j.analysis.attention.AttentionMaps;
import org.bertology4j.analysis.attention.AttentionSource;
import org.bertology4j.analysis.attention.BatchAttentionSource;
import org.bertology4j.analysis.attention.SentenceAttention;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.tokenizer.Encoding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Batched forward passes keeping attention: sequences are sorted by length and packed into padded batches of at
 * most {@code tokenBudget} padded tokens, and each item's {@code [T x T]} maps are cut out of the batch. Padding
 * gets zero attention (the engine masks it), so the cut rows are the unbatched distributions up to float
 * rounding. Also records the time spent in the engine ({@link EngineTime}, its own or one shared by a run). It is the
 * attention source of every corpus study, in process and on Spark; one sequence at a time ({@link #attend}) is a
 * batch of one, the same numbers as an unbatched forward pass.
 */
public final class BatchedModelAttention implements BatchAttentionSource, AttentionSource {
    private final BertModel model;
    private final int tokenBudget;
    private final TraceOptions options = TraceOptions.builder().keepAttention().build();
    private final EngineTime time;

    /** @param tokenBudget largest batch size x padded length of one forward pass (e.g. 2048) */
    public BatchedModelAttention(BertModel model, int tokenBudget) {
        this(model, tokenBudget, new EngineTime());
    }

    /** As {@link #BatchedModelAttention(BertModel, int)}, recording the engine time into {@code time}. */
    public BatchedModelAttention(BertModel model, int tokenBudget, EngineTime time) {
        if (tokenBudget < 1) throw new IllegalArgumentException("token budget must be positive");
        this.model = model;
        this.tokenBudget = tokenBudget;
        this.time = time;
    }

    @Override
    public SentenceAttention attend(Encoding encoding) { return attendAll(List.of(encoding)).get(0); }

    @Override
    public List<SentenceAttention> attendAll(List<Encoding> encodings) {
        SentenceAttention[] out = new SentenceAttention[encodings.size()];
        Integer[] order = new Integer[encodings.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingInt(i -> encodings.get(i).length()));
        int start = 0;
        while (start < order.length) {
            int end = start + 1; // sorted ascending: the batch's padded length is its last item's length
            while (end < order.length && (end - start + 1) * encodings.get(order[end]).length() <= tokenBudget) end++;
            List<Integer> batch = Arrays.asList(order).subList(start, end);
            run(encodings, batch, out);
            start = end;
        }
        return Arrays.asList(out);
    }

    private void run(List<Encoding> encodings, List<Integer> batch, SentenceAttention[] out) {
        long t0 = System.nanoTime();
        Encoding[] es = new Encoding[batch.size()];
        for (int k = 0; k < es.length; k++) es[k] = encodings.get(batch.get(k));
        ForwardTrace trace = model.forward(BertInput.of(es), options);
        int layers = trace.numLayers(), padded = trace.seqLen();
        float[][][][][] maps = new float[es.length][layers][][][];
        for (int l = 0; l < layers; l++) {
            for (int b = 0; b < es.length; b++) maps[b][l] = AttentionMaps.headMaps(trace.attention(l, b), es[b].length());
        }
        long real = 0;
        for (int b = 0; b < es.length; b++) {
            out[batch.get(b)] = new SentenceAttention(maps[b]);
            real += es[b].length();
        }
        time.add(System.nanoTime() - t0, es.length, real, (long) es.length * padded);
    }

    /** Seconds spent in forward passes (and cutting out the maps), by every source sharing this one's time. */
    public double seconds() { return time.snapshot().seconds(); }

    /** Sequences run (by every source sharing this one's time). */
    public long sequences() { return time.snapshot().sequences(); }

    /** Real tokens / padded tokens run (1 = no padding waste). */
    public double paddingEfficiency() { return time.snapshot().paddingEfficiency(); }
}
