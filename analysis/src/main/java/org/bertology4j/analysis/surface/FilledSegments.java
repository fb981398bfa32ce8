package org.bertology4j.analysis.surface;

import org.bertology4j.analysis.attention.SentenceEncoder;
import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.tokenizer.Encoding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Inputs {@code [CLS] A [SEP] B [SEP]} filled to the length limit the way BERT's pre-training data are made, which is
 * how the authors' released preprocessing ({@code preprocess_unlabeled.py} in clarkkev/attention-analysis) builds the
 * paper's "segments ... of at most 128 tokens corresponding to two consecutive paragraphs" (Clark et al. Sect. 3;
 * "most of our segments are 128 tokens long", Sect. 3.2): consecutive sentences of a document are gathered until
 * they hold at least {@code maxPieces - 3} pieces (or the document ends); A is the chunk's first k sentences with k
 * drawn uniformly from 1 .. sentences-1, B the rest; while A and B together exceed {@code maxPieces - 3} pieces, one
 * piece is dropped from the longer of the two, from its front or its back at random (words may be cut). A chunk of a
 * single sentence has no B and is passed over (the released code stops the document there). The draws come from a
 * generator seeded by the run's seed and the document id, so shards and resumed runs build the same inputs.
 */
public final class FilledSegments {
    private FilledSegments() {}

    /** The filled inputs of one document. */
    public static List<Encoding> of(Document doc, SentenceEncoder encoder, int maxPieces, long seed) {
        if (maxPieces < 5) throw new IllegalArgumentException("maxPieces must be at least 5 for two non-empty segments");
        int target = maxPieces - 3;
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + (doc.id() == null ? 0 : doc.id().hashCode()));
        List<Encoding> out = new ArrayList<>();
        List<Encoding> chunk = new ArrayList<>();
        int length = 0;
        List<Sentence> sentences = doc.sentences();
        for (int i = 0; i < sentences.size(); i++) {
            Encoding e = encoder.encode(sentences.get(i).forms());
            chunk.add(e);
            length += e.length() - 2;
            if (i == sentences.size() - 1 || length >= target) {
                if (chunk.size() >= 2) {
                    int aEnd = 1 + r.nextInt(chunk.size() - 1);
                    out.add(build(chunk.subList(0, aEnd), chunk.subList(aEnd, chunk.size()), target, r));
                }
                chunk = new ArrayList<>();
                length = 0;
            }
        }
        return out;
    }

    /** The pieces of a side: indices into its sentences' encodings, specials left out. */
    private record Piece(Encoding from, int position, int wordShift) {}

    private static Encoding build(List<Encoding> a, List<Encoding> b, int target, Random r) {
        List<Piece> pa = pieces(a, 0), pb = pieces(b, words(a));
        boolean cut = false;
        while (pa.size() + pb.size() > target) {
            List<Piece> longer = pa.size() > pb.size() ? pa : pb;
            if (r.nextDouble() < 0.5) longer.remove(0); else longer.remove(longer.size() - 1);
            cut = true;
        }
        Encoding first = a.get(0);
        int t = pa.size() + pb.size() + 3;
        int[] ids = new int[t], seg = new int[t], mask = new int[t], wi = new int[t];
        String[] pieces = new String[t];
        int[][] off = new int[t][];
        Arrays.fill(mask, 1);
        int q = 0;
        q = special(first, 0, ids, pieces, off, wi, q);                    // [CLS]
        for (Piece p : pa) q = copy(p, ids, pieces, off, wi, q);
        q = special(first, first.length() - 1, ids, pieces, off, wi, q);   // [SEP]
        int bStart = q;
        for (Piece p : pb) q = copy(p, ids, pieces, off, wi, q);
        special(first, first.length() - 1, ids, pieces, off, wi, q);       // [SEP]
        for (int p = bStart; p < t; p++) seg[p] = 1;
        List<String> words = new ArrayList<>();
        for (Encoding e : a) words.addAll(e.words());
        for (Encoding e : b) words.addAll(e.words());
        return new Encoding(ids, pieces, seg, mask, off, wi, words, cut);
    }

    private static int words(List<Encoding> side) {
        int n = 0;
        for (Encoding e : side) n += e.words().size();
        return n;
    }

    private static List<Piece> pieces(List<Encoding> side, int shift) {
        List<Piece> out = new ArrayList<>();
        for (Encoding e : side) {
            for (int p = 1; p < e.length() - 1; p++) out.add(new Piece(e, p, shift));
            shift += e.words().size();
        }
        return out;
    }

    private static int special(Encoding e, int p, int[] ids, String[] pieces, int[][] off, int[] wi, int q) {
        ids[q] = e.ids()[p];
        pieces[q] = e.pieces()[p];
        off[q] = e.offsets()[p];
        wi[q] = -1;
        return q + 1;
    }

    private static int copy(Piece p, int[] ids, String[] pieces, int[][] off, int[] wi, int q) {
        ids[q] = p.from().ids()[p.position()];
        pieces[q] = p.from().pieces()[p.position()];
        off[q] = p.from().offsets()[p.position()];
        wi[q] = p.from().wordIndex()[p.position()] + p.wordShift();
        return q + 1;
    }
}
