package org.bertology4j.analysis.flow;

import org.bertology4j.analysis.attention.WordAttention;
import org.bertology4j.analysis.attention.WordUnits;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.core.flow.JacobianNorms;
import org.bertology4j.corpus.EngineTime;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.tokenizer.InputTooLongException;

import java.util.function.Predicate;

/**
 * {@link FlowSource} backed by the engine: one forward pass keeping caches, then A_n, G_n and G*_n of every piece
 * pair from {@link JacobianNorms}, aggregated to words (pieces of [CLS]/[SEP] dropped; see {@link WordAttention#betweenWords(double[][], WordUnits)}).
 * As a {@link PairFlowSource} it computes the gradients into one word's pieces only (a few rows instead of T), with
 * the same word-level aggregation. Sentences longer than {@code maxPieces} return null and are counted as skipped.
 */
public final class EngineFlowSource implements FlowSource, PairFlowSource {
    private final BertTokenizer tokenizer;
    private final JacobianNorms norms;
    private final JacobianNorms.Measure measure;
    private final int maxPieces;
    private long pieces;
    private double seconds;
    private final EngineTime time;

    /**
     * The Jacobian-norm measure by its CLI name: {@code ones} (the 2-norm of a ones-cotangent VJP, our reading of the
     * study's "magnitude (2-norm) of the gradient", which does not say how a vector output is reduced; methods.md) or
     * {@code frobenius} (the exact Frobenius norm of the Jacobian block).
     */
    public static JacobianNorms.Measure measure(String name) {
        return switch (name) {
            case "ones" -> JacobianNorms.Measure.ONES_VJP;
            case "frobenius" -> JacobianNorms.Measure.FROBENIUS_EXACT;
            default -> throw new IllegalArgumentException("unknown flow measure '" + name + "'; use ones or frobenius");
        };
    }

    public EngineFlowSource(BertModel model, BertTokenizer tokenizer, JacobianNorms.Measure measure, int maxPieces) {
        this(model, tokenizer, measure, maxPieces, null);
    }

    /** As the other constructor, also adding every engine call to {@code time} (may be null). */
    public EngineFlowSource(BertModel model, BertTokenizer tokenizer, JacobianNorms.Measure measure, int maxPieces,
                            EngineTime time) {
        this.time = time;
        this.tokenizer = tokenizer;
        this.norms = new JacobianNorms(model);
        this.measure = measure;
        this.maxPieces = maxPieces;
    }

    /** Whether the sentence fits in {@code maxPieces} (the sentences this source does not skip). */
    public boolean fits(Sentence sentence) { return encode(tokenizer, maxPieces, sentence) != null; }

    /** The sentences a source with this tokenizer and piece limit computes (the others it skips). */
    public static Predicate<Sentence> fitting(BertTokenizer tokenizer, int maxPieces) {
        return s -> encode(tokenizer, maxPieces, s) != null;
    }

    private Encoding encode(Sentence sentence) { return encode(tokenizer, maxPieces, sentence); }

    private static Encoding encode(BertTokenizer tokenizer, int maxPieces, Sentence sentence) {
        Encoding e;
        try {
            e = tokenizer.encodeWords(sentence.forms());
        } catch (InputTooLongException tooLong) {
            return null;
        }
        return e.length() > maxPieces ? null : e;
    }

    @Override
    public FlowMaps compute(Sentence sentence) {
        Encoding e = encode(sentence);
        if (e == null) return null;
        long t0 = System.nanoTime();
        JacobianNorms.Maps m = norms.compute(BertInput.of(e), measure);
        long nanos = System.nanoTime() - t0;
        seconds += nanos / 1e9;
        pieces += e.length();
        if (time != null) time.add(nanos, 1, e.length(), e.length());
        int words = sentence.words().size();
        WordUnits units = WordUnits.of(e);
        if (units.words() != words) throw new IllegalArgumentException("sentence " + sentence.sentId() + " has " + words
                + " words but its pieces cover " + units.words());
        return new FlowMaps(sentence.forms(), toWords(m.attention(), units), toWords(m.gradient(), units),
                toWords(m.gradientFromEmbeddings(), units));
    }

    @Override
    public double[][] compute(Sentence sentence, int t1, int t2) {
        int words = sentence.size();
        if (t1 < 0 || t1 >= words || t2 < 0 || t2 >= words) {
            throw new IndexOutOfBoundsException("sentence " + sentence.sentId() + ": words " + t1 + " and " + t2 + " not in [0, " + words + ")");
        }
        Encoding e = encode(sentence);
        if (e == null) return null;
        long t0 = System.nanoTime();
        WordUnits units = WordUnits.of(e);
        if (units.words() != words) throw new IllegalArgumentException("sentence " + sentence.sentId() + " has " + words
                + " words but its pieces cover " + units.words());
        int[] from = piecesOf(units, t1), into = piecesOf(units, t2);
        ForwardTrace trace = norms.forward(BertInput.of(e));
        double[][][] a = JacobianNorms.attention(trace);
        double[][][] g = norms.gradient(trace, measure, into), gs = norms.gradientFromEmbeddings(trace, measure, into);
        int layers = a.length;
        double[][] out = new double[Measure.values().length][layers];
        for (int n = 0; n < layers; n++) {
            double[][] aRows = new double[into.length][];
            for (int k = 0; k < into.length; k++) aRows[k] = a[n][into[k]];
            out[Measure.ATTENTION.ordinal()][n] = wordFlow(aRows, from);
            out[Measure.GRADIENT.ordinal()][n] = wordFlow(g[n], from);
            out[Measure.GRADIENT_FROM_EMBEDDINGS.ordinal()][n] = wordFlow(gs[n], from);
        }
        long nanos = System.nanoTime() - t0;
        seconds += nanos / 1e9;
        pieces += e.length();
        if (time != null) time.add(nanos, 1, e.length(), e.length());
        return out;
    }

    private static int[] piecesOf(WordUnits units, int word) {
        int unit = units.unitOfWord(word);
        return java.util.stream.IntStream.range(0, units.pieces()).filter(p -> units.unitOfPiece(p) == unit).toArray();
    }

    // the word-level flow of WordAttention.fromPieces for one cell, summed in its order: rows (the target word's
    // pieces) outer, the source word's pieces inner, then divided by the number of target pieces
    private static double wordFlow(double[][] targetRows, int[] from) {
        double sum = 0;
        for (double[] row : targetRows) for (int p : from) sum += row[p];
        return sum / targetRows.length;
    }

    private static double[][][] toWords(double[][][] pieceMaps, WordUnits units) {
        double[][][] out = new double[pieceMaps.length][][];
        for (int n = 0; n < pieceMaps.length; n++) out[n] = WordAttention.betweenWords(pieceMaps[n], units);
        return out;
    }

    /** Seconds spent in the engine (forward + Jacobian norms) so far. */
    public double engineSeconds() { return seconds; }

    /** Pieces processed so far. */
    public long pieces() { return pieces; }
}
