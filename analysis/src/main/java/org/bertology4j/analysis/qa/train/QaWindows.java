package org.bertology4j.analysis.qa.train;

import org.bertology4j.analysis.qa.SquadAnswer;
import org.bertology4j.analysis.qa.SquadParagraph;
import org.bertology4j.analysis.qa.SquadQuestion;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.tokenizer.Truncation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a question and its context into {@link QaWindow}s as the BERT reference does ({@code run_squad.py}'s
 * {@code convert_examples_to_features}): the question cut to {@code maxQueryLength} pieces, the context in windows of
 * at most {@code maxSeqLength − question − 3} pieces starting every {@code docStride} pieces, the answer's characters
 * mapped to the pieces that cover them. Pieces keep their character offsets in the context (the tokenizer's, which
 * point into the original text through lower-casing and accent stripping), so an answer is read back from the
 * context exactly, not rebuilt from pieces.
 */
public final class QaWindows {
    private final BertTokenizer tokenizer;
    private final int maxSeqLength, docStride, maxQueryLength;

    /**
     * @param maxSeqLength   longest input in pieces (the reference's 384; positions of the model at most)
     * @param docStride      pieces between the starts of consecutive windows (the reference's 128)
     * @param maxQueryLength longest question in pieces; longer ones are cut (the reference's 64)
     */
    public QaWindows(BertTokenizer tokenizer, int maxSeqLength, int docStride, int maxQueryLength) {
        if (maxQueryLength < 1) throw new IllegalArgumentException("max query length must be at least 1, got " + maxQueryLength);
        if (maxSeqLength < 5) {
            throw new IllegalArgumentException("max sequence length " + maxSeqLength + " leaves no room for a question piece, "
                    + "a context piece and 3 special pieces");
        }
        if (docStride < 1) throw new IllegalArgumentException("doc stride must be at least 1, got " + docStride);
        this.tokenizer = tokenizer;
        this.maxSeqLength = maxSeqLength;
        this.docStride = docStride;
        this.maxQueryLength = maxQueryLength;
    }

    public int maxSeqLength() { return maxSeqLength; }
    public int docStride() { return docStride; }
    public int maxQueryLength() { return maxQueryLength; }

    /** The windows of a question without an answer target (for prediction): every target is [CLS]. */
    public List<QaWindow> windows(String questionId, String question, String context) {
        return build(questionId, question, context, -1, -1);
    }

    /**
     * The windows of a SQuAD question with its first gold answer as the target (none for an unanswerable question).
     *
     * @throws IllegalArgumentException when the answer covers no piece of the context (only spaces)
     */
    public List<QaWindow> windows(SquadQuestion q, SquadParagraph paragraph) {
        if (!q.hasAnswer()) return build(q.id(), q.question(), paragraph.context(), -1, -1);
        SquadAnswer a = q.answers().get(0);
        int start = paragraph.charIndex(a);
        return build(q.id(), q.question(), paragraph.context(), start, start + a.text().length());
    }

    private List<QaWindow> build(String id, String question, String context, int answerStart, int answerEnd) {
        Encoding qe = tokenizer.encode(question, Integer.MAX_VALUE, Truncation.NONE);
        Encoding ce = tokenizer.encode(context, Integer.MAX_VALUE, Truncation.NONE);
        int nq = Math.min(qe.length() - 2, maxQueryLength), nc = ce.length() - 2;
        if (nq < 1) throw new IllegalArgumentException("question '" + id + "' has no pieces: '" + question + "'");
        // the answer's first and last context piece (0-based in the context)
        int tokStart = -1, tokEnd = -1;
        if (answerStart >= 0) {
            for (int i = 0; i < nc; i++) {
                int[] o = ce.offsets()[i + 1];
                if (o[1] > answerStart && o[0] < answerEnd) {
                    if (tokStart < 0) tokStart = i;
                    tokEnd = i;
                }
            }
            if (tokStart < 0) {
                throw new IllegalArgumentException("question '" + id + "': the answer at characters [" + answerStart + ", "
                        + answerEnd + ") covers no piece of the context");
            }
        }
        int maxDoc = maxSeqLength - nq - 3;
        if (maxDoc < 1) {
            throw new IllegalArgumentException("question '" + id + "' has " + nq + " pieces: no room for the context in "
                    + maxSeqLength + "-piece windows (lower --max-query-length or raise --max-seq-length)");
        }
        List<int[]> spans = new ArrayList<>();   // {start, length} in context pieces
        for (int s = 0; ; ) {
            int len = Math.min(nc - s, maxDoc);
            spans.add(new int[]{s, len});
            if (s + len >= nc) break;
            s += Math.min(len, docStride);
        }
        List<QaWindow> out = new ArrayList<>();
        for (int w = 0; w < spans.size(); w++) {
            int s = spans.get(w)[0], len = spans.get(w)[1], n = nq + len + 3, ctx0 = nq + 2;
            int[] ids = new int[n], seg = new int[n], cs = new int[n], cend = new int[n];
            String[] pieces = new String[n];
            boolean[] maxContext = new boolean[n];
            Arrays.fill(cs, -1);
            Arrays.fill(cend, -1);
            ids[0] = ce.ids()[0];
            pieces[0] = ce.pieces()[0];
            for (int i = 0; i < nq; i++) {
                ids[1 + i] = qe.ids()[1 + i];
                pieces[1 + i] = qe.pieces()[1 + i];
            }
            ids[nq + 1] = ids[n - 1] = ce.ids()[nc + 1];
            pieces[nq + 1] = pieces[n - 1] = ce.pieces()[nc + 1];
            for (int i = 0; i < len; i++) {
                int p = ctx0 + i, c = s + i;
                ids[p] = ce.ids()[c + 1];
                pieces[p] = ce.pieces()[c + 1];
                seg[p] = 1;
                cs[p] = ce.offsets()[c + 1][0];
                cend[p] = ce.offsets()[c + 1][1];
                maxContext[p] = isMaxContext(spans, w, c);
            }
            seg[n - 1] = 1;
            int start = 0, end = 0;
            if (tokStart >= s && tokEnd < s + len) {
                start = ctx0 + tokStart - s;
                end = ctx0 + tokEnd - s;
            }
            out.add(new QaWindow(id, w, ids, seg, pieces, ctx0, cs, cend, maxContext, start, end));
        }
        return out;
    }

    /**
     * The reference's {@code _check_is_max_context}: of the windows holding piece {@code c}, the one where
     * min(pieces left of it, pieces right of it) + 0.01 · window length is largest (the first on ties).
     */
    static boolean isMaxContext(List<int[]> spans, int current, int c) {
        double bestScore = Double.NEGATIVE_INFINITY;
        int best = -1;
        for (int w = 0; w < spans.size(); w++) {
            int s = spans.get(w)[0], len = spans.get(w)[1], e = s + len - 1;
            if (c < s || c > e) continue;
            double score = Math.min(c - s, e - c) + 0.01 * len;
            if (score > bestScore) {
                bestScore = score;
                best = w;
            }
        }
        return best == current;
    }
}
