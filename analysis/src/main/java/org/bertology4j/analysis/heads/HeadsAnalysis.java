package org.bertology4j.analysis.heads;

import org.bertology4j.analysis.attention.AttentionSource;
import org.bertology4j.analysis.attention.SentenceAttention;
import org.bertology4j.analysis.attention.SentenceEncoder;
import org.bertology4j.analysis.attention.WordUnits;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.tokenizer.Encoding;

import java.util.function.Consumer;

/** Runs "single heads as parsers" over sentences: one {@code [CLS] words [SEP]} input per sentence. */
public final class HeadsAnalysis {
    private HeadsAnalysis() {}

    /**
     * Adds sentences to {@code acc}, skipping (and counting) those longer than {@code maxPieces} (or with a word
     * that tokenizes to nothing). To resume from a
     * partial result, pass the restored accumulator: the first {@code acc.sentences() + acc.skipped()} sentences
     * are passed over.
     *
     * @param progress called after each sentence with the accumulator (e.g. to checkpoint); may be null
     */
    public static HeadsAccumulator run(Iterable<Sentence> sentences, SentenceEncoder encoder, AttentionSource model,
                                       int maxPieces, HeadsAccumulator acc, Consumer<HeadsAccumulator> progress) {
        long done = acc.sentences() + acc.skipped(), seen = 0;
        for (Sentence s : sentences) {
            if (seen++ < done) continue;
            Encoding e = encoder.encode(s.forms());
            if (e.length() > maxPieces || e.truncated() || !WordUnits.coversAllWords(e)) {
                acc.skip();
            } else {
                SentenceAttention a = model.attend(e);
                if (a.length() != e.length()) throw new IllegalStateException("attention length " + a.length() + " != encoding length " + e.length() + " for sentence " + s.sentId());
                acc.add(s, a, WordUnits.of(e));
            }
            if (progress != null) progress.accept(acc);
        }
        return acc;
    }
}
