package org.bertology4j.distributed;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a corpus's documents into contiguous slices of similar sentence counts, one per partition. Documents are
 * never split: every analysis treats them independently (coref and surface segments never cross a document), so
 * any cut at a document boundary gives the same totals as one pass over the file.
 */
public final class SlicePlan {
    private SlicePlan() {}

    /**
     * @param documents  the corpus's documents in file order
     * @param partitions wanted number of slices (fewer when there are fewer documents)
     * @param limit      keep only the first {@code limit} units ({@code -1}: all)
     * @param unit       what {@code limit} counts
     * @return the slices in file order, indexed 0..n-1; empty when there is nothing to run
     */
    public static List<Slice> plan(List<DocumentSpan> documents, int partitions, long limit, CorpusAnalysis.Unit unit) {
        if (partitions < 1) throw new IllegalArgumentException("partitions must be at least 1 (got " + partitions + ")");
        List<DocumentSpan> docs = documents;
        long lastCap = -1; // sentences to run in the last kept document (sentence limits only)
        if (limit >= 0) {
            if (unit == CorpusAnalysis.Unit.DOCUMENT) {
                docs = documents.subList(0, (int) Math.min(limit, documents.size()));
            } else {
                long left = limit;
                int n = 0;
                while (n < documents.size() && left > 0) {
                    int s = documents.get(n++).sentences();
                    if (s >= left) { lastCap = left; left = 0; } else left -= s;
                }
                docs = documents.subList(0, n);
                if (lastCap == documents.get(Math.max(0, n - 1)).sentences()) lastCap = -1;
            }
        }
        if (docs.isEmpty()) return List.of();
        long total = 0;
        for (DocumentSpan d : docs) total += d.sentences();
        int n = Math.min(partitions, docs.size());
        List<Slice> out = new ArrayList<>(n);
        int first = 0;
        long done = 0, firstSentence = 0;
        for (int i = 0; i < docs.size(); i++) {
            done += docs.get(i).sentences();
            int remainingDocs = docs.size() - 1 - i, remainingSlices = n - 1 - out.size();
            // Close the slice when it reaches its share of the sentences, or when every later slice needs a document.
            boolean full = done * n >= total * (out.size() + 1L);
            if (i == docs.size() - 1 || (remainingSlices > 0 && (full || remainingDocs == remainingSlices))) {
                out.add(slice(out.size(), docs.subList(first, i + 1), i == docs.size() - 1 ? lastCap : -1, firstSentence));
                first = i + 1;
                firstSentence = done;
            }
        }
        return out;
    }

    private static Slice slice(int index, List<DocumentSpan> docs, long lastDocumentCap, long firstSentence) {
        long sentences = 0;
        for (DocumentSpan d : docs) sentences += d.sentences();
        long cap = -1;
        if (lastDocumentCap >= 0) cap = sentences - docs.get(docs.size() - 1).sentences() + lastDocumentCap;
        DocumentSpan a = docs.get(0), b = docs.get(docs.size() - 1);
        return new Slice(index, a.start(), b.end(), a.firstLine(), docs.size(), sentences, cap, firstSentence);
    }
}
