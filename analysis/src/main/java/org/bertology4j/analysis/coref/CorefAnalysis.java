package org.bertology4j.analysis.coref;

import org.bertology4j.analysis.attention.BatchAttentionSource;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.analysis.attention.SentenceAttention;
import org.bertology4j.analysis.attention.SentenceEncoder;
import org.bertology4j.analysis.conllu.Document;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/** Runs the coreference analysis over documents (segments of up to {@code maxPieces} pieces). */
public final class CorefAnalysis {
    private CorefAnalysis() {}

    /**
     * Adds the segments of {@code documents} to {@code acc}; each document's segments go to the model in one batched
     * call. Resuming: whole documents are the unit of progress; pass the restored accumulator and
     * {@code documentsDone} (documents already included) to skip them.
     *
     * @param progress called after each document (e.g. to checkpoint with the document count); may be null
     */
    public static CorefAccumulator run(Iterator<Document> documents, SentenceEncoder encoder, BatchAttentionSource model,
                                             int maxPieces, CorefAccumulator acc, long documentsDone, Consumer<CorefAccumulator> progress) {
        long seen = 0;
        while (documents.hasNext()) {
            Document d = documents.next();
            if (seen++ < documentsDone) continue;
            CorefSegment.Cut cut = CorefSegment.cut(d, encoder, maxPieces);
            acc.skip(cut.skippedSentences());
            List<Encoding> encodings = new ArrayList<>();
            for (CorefSegment s : cut.segments()) encodings.add(s.encoding());
            List<SentenceAttention> attention = encodings.isEmpty() ? List.of() : model.attendAll(encodings);
            for (int k = 0; k < encodings.size(); k++) {
                SentenceAttention a = attention.get(k);
                if (a.length() != encodings.get(k).length()) throw new IllegalStateException("attention length " + a.length() + " != encoding length " + encodings.get(k).length() + " in document " + d.id());
                acc.add(cut.segments().get(k), a);
            }
            if (progress != null) progress.accept(acc);
        }
        return acc;
    }
}
