package org.bertology4j.analysis.surface;

import org.bertology4j.analysis.attention.AttentionSource;
import org.bertology4j.analysis.attention.SentenceAttention;
import org.bertology4j.analysis.attention.SentenceEncoder;
import org.bertology4j.analysis.cluster.JensenShannonAccumulator;
import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.tokenizer.Encoding;

import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Runs the surface statistics (and optionally the head distances of section 6, which use the same inputs)
 * over two-segment inputs of documents ({@link Segments}: paragraph pairs, or filled as BERT's pre-training data). The masked-LM gradient part plugs in through
 * {@link AttentionGradientSource} / {@link GradientAccumulator}.
 */
public final class SurfaceAnalysis {
    private SurfaceAnalysis() {}

    /**
     * @param segments     how documents are cut into inputs
     * @param maxSequences stop after this many sequences in total (including those already in {@code surface});
     *                     Clark et al. used 1000
     * @param distances    head-distance accumulator fed with the same sequences, or null
     * @param gradients    masked-LM gradient source, or null to skip that part
     * @param gradientAcc  accumulator for {@code gradients}, or null
     * @param progress     called after each sequence; may be null
     * @return {@code surface}. Resuming: the first {@code surface.sequences()} segments are passed over.
     */
    public static SurfaceAccumulator run(Iterator<Document> documents, SentenceEncoder encoder, AttentionSource model,
                                         Segments segments, int maxPieces, long maxSequences, SurfaceAccumulator surface,
                                         JensenShannonAccumulator distances, AttentionGradientSource gradients,
                                         GradientAccumulator gradientAcc, long seed, Consumer<SurfaceAccumulator> progress) {
        long done = surface.sequences(), seen = 0;
        while (documents.hasNext() && surface.sequences() < maxSequences) {
            Document doc = documents.next();
            int k = 0;
            for (Encoding e : segments.of(doc, encoder, maxPieces, seed)) {
                long segmentSeed = segmentSeed(seed, doc, k++);
                if (surface.sequences() >= maxSequences) break;
                if (seen++ < done) continue;
                SentenceAttention a = model.attend(e);
                surface.add(e, a);
                if (distances != null) distances.add(a);
                if (gradients != null && gradientAcc != null) gradientAcc.add(e, gradients.maskedLmGradient(e, segmentSeed));
                if (progress != null) progress.accept(surface);
            }
        }
        return surface;
    }

    /**
     * {@link #run} into a {@link SurfacePass} (its optional sections are filled when present; {@code gradients} must
     * be given when the pass has a gradient section).
     */
    public static SurfacePass run(Iterator<Document> documents, SentenceEncoder encoder, AttentionSource model,
                                  AttentionGradientSource gradients, Segments segments, int maxPieces, long maxSequences,
                                  SurfacePass pass, long seed, Consumer<SurfaceAccumulator> progress) {
        if (pass.gradients() != null && gradients == null) throw new IllegalArgumentException("the pass has a gradient section but no gradient source was given");
        run(documents, encoder, model, segments, maxPieces, maxSequences, pass.surface(), pass.distances(), gradients,
                pass.gradients(), seed, progress);
        return pass;
    }

    /**
     * The masking seed of the k-th segment of a document: a function of the run's seed, the document id and k only,
     * so that the masked positions do not depend on how a corpus is split into shards or where a run resumed.
     */
    static long segmentSeed(long seed, Document doc, int k) {
        long h = seed * 0x9E3779B97F4A7C15L + (doc.id() == null ? 0 : doc.id().hashCode());
        return h * 1_000_003L + k;
    }
}
