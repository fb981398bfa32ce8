package org.bertology4j.analysis.flow;

import org.bertology4j.analysis.attention.WordAttention;
import org.bertology4j.analysis.attention.WordUnits;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.core.flow.JacobianNorms;
import org.bertology4j.corpus.EngineTime;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.tokenizer.InputTooLongException;

/**
 * {@link FlowSource} backed by the engine: one forward pass keeping caches, then A_n, G_n and G*_n of every piece
 * pair from {@link JacobianNorms}, aggregated to words (pieces of [CLS]/[SEP] dropped; see {@link WordAttention#betweenWords(double[][], WordUnits)}).
 * Sentences longer than {@code maxPieces} return null and are counted as skipped.
 */
public final class EngineFlowSource implements FlowSource {
    private final BertTokenizer tokenizer;
    private final JacobianNorms norms;
    private final JacobianNorms.Measure measure;
    private final int maxPieces;
    private long pieces;
    private double seconds;
    private final EngineTime time;

    /** The Jacobian-norm measure by its CLI name: {@code ones} (the study's definition) or {@code frobenius}. */
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

    @Override
    public FlowMaps compute(Sentence sentence) {
        Encoding e;
        try {
            e = tokenizer.encodeWords(sentence.forms());
        } catch (InputTooLongException tooLong) {
            return null;
        }
        if (e.length() > maxPieces) return null;
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
