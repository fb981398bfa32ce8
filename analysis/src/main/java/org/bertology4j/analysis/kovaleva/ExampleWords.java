package org.bertology4j.analysis.kovaleva;

import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.analysis.conllu.Word;
import org.bertology4j.analysis.tasks.TaskExample;
import org.bertology4j.tokenizer.Encoding;

import java.util.ArrayList;
import java.util.List;

/**
 * The CoNLL-U words behind one encoded GUM example: the word of each piece, and the pieces of each word of either
 * sentence. Words are numbered as the encoding numbers them: sentence A's, then sentence B's.
 */
final class ExampleWords {
    private final Sentence a, b;
    private final Word[] wordOfPiece;
    private final List<List<Integer>> piecesOfWord;

    private ExampleWords(Sentence a, Sentence b, Word[] wordOfPiece, List<List<Integer>> piecesOfWord) {
        this.a = a;
        this.b = b;
        this.wordOfPiece = wordOfPiece;
        this.piecesOfWord = piecesOfWord;
    }

    /** @throws IllegalArgumentException when the example does not come from CoNLL-U */
    static ExampleWords of(Encoding enc, TaskExample source) {
        Sentence a = source.sourceA(), b = source.sourceB();
        if (a == null) throw new IllegalArgumentException("this analysis needs examples built from CoNLL-U (a GUM task)");
        int words = a.size() + (b == null ? 0 : b.size());
        List<List<Integer>> pieces = new ArrayList<>(words);
        for (int w = 0; w < words; w++) pieces.add(new ArrayList<>());
        Word[] of = new Word[enc.length()];
        for (int p = 0; p < enc.length(); p++) {
            int wi = enc.wordIndex()[p];
            if (wi < 0) continue;
            if (wi >= words) throw new IllegalArgumentException("piece " + p + " belongs to word " + wi + " of an example with " + words + " words");
            of[p] = wi < a.size() ? a.words().get(wi) : b.words().get(wi - a.size());
            pieces.get(wi).add(p);
        }
        return new ExampleWords(a, b, of, pieces);
    }

    /** The word of piece {@code p}, null for [CLS] and [SEP]. */
    Word word(int p) { return wordOfPiece[p]; }

    /** Number of pieces. */
    int length() { return wordOfPiece.length; }

    /** The sentences (one, or two for a pair). */
    List<Sentence> sentences() { return b == null ? List.of(a) : List.of(a, b); }

    /** Index of the first word of sentence {@code k} in the example's word numbering. */
    int offset(int k) { return k == 0 ? 0 : a.size(); }

    /** Piece positions of word {@code w} (example numbering). */
    List<Integer> pieces(int w) { return piecesOfWord.get(w); }
}
