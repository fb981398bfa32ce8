package org.bertology4j.analysis.heads;

import org.bertology4j.analysis.attention.BatchAttentionSource;
import org.bertology4j.analysis.attention.SentenceAttention;
import org.bertology4j.analysis.attention.SentenceEncoder;
import org.bertology4j.analysis.attention.WordUnits;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.tokenizer.Encoding;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs "single heads as parsers" over sentences: one {@code [CLS] words [SEP]} input per sentence. */
public final class HeadsAnalysis {
    private HeadsAnalysis() {}

    /**
     * Adds sentences to {@code acc}, skipping (and counting) those longer than {@code maxPieces} (or with a word that
     * tokenizes to nothing). The sentences go to the model in blocks of {@code block} (one batched call per block;
     * {@link BatchAttentionSource#sequential} for one at a time). To resume from a partial result, pass the restored
     * accumulator: the first {@code acc.sentences() + acc.skipped()} sentences are passed over. Progress is reported
     * after each sentence, so a checkpoint taken in the middle of a block resumes exactly.
     *
     * @param progress called after each sentence with the accumulator (e.g. to checkpoint); may be null
     */
    public static HeadsAccumulator run(Iterable<Sentence> sentences, SentenceEncoder encoder, BatchAttentionSource model,
                                              int maxPieces, int block, HeadsAccumulator acc, Consumer<HeadsAccumulator> progress) {
        if (block < 1) throw new IllegalArgumentException("block must be positive");
        long done = acc.sentences() + acc.skipped(), seen = 0;
        List<Sentence> pending = new ArrayList<>(block);
        for (Sentence s : sentences) {
            if (seen++ < done) continue;
            pending.add(s);
            if (pending.size() == block) flush(pending, encoder, model, maxPieces, acc, progress);
        }
        flush(pending, encoder, model, maxPieces, acc, progress);
        return acc;
    }

    private static void flush(List<Sentence> pending, SentenceEncoder encoder, BatchAttentionSource model, int maxPieces,
                              HeadsAccumulator acc, Consumer<HeadsAccumulator> progress) {
        List<Encoding> encodings = new ArrayList<>(pending.size()), usable = new ArrayList<>();
        for (Sentence s : pending) {
            Encoding e = encoder.encode(s.forms());
            boolean fits = e.length() <= maxPieces && !e.truncated() && WordUnits.coversAllWords(e);
            encodings.add(fits ? e : null);
            if (fits) usable.add(e);
        }
        List<SentenceAttention> attention = usable.isEmpty() ? List.of() : model.attendAll(usable);
        int k = 0;
        for (int i = 0; i < pending.size(); i++) {
            Encoding e = encodings.get(i);
            if (e == null) {
                acc.skip();
            } else {
                SentenceAttention a = attention.get(k++);
                if (a.length() != e.length()) throw new IllegalStateException("attention length " + a.length() + " != encoding length " + e.length() + " for sentence " + pending.get(i).sentId());
                acc.add(pending.get(i), a, WordUnits.of(e));
            }
            if (progress != null) progress.accept(acc);
        }
        pending.clear();
    }
}
