package org.bertology4j.analysis.probe;

import org.bertology4j.analysis.conllu.Sentence;

import java.util.List;

/**
 * The "distances + word vectors" baseline of Clark et al.'s Table 3, in two variants.
 *
 * <ul>
 *   <li>{@link #HIDDEN_LAYER} (the paper's, Sect. 5 and footnote 5): a one-hidden-layer network over the two words'
 *       vectors and distance features ({@link DistanceNetworkProbe}).</li>
 *   <li>{@link #LOG_LINEAR} (this project's first version, kept for comparison): the {@link ArcProbe} over one-hot
 *       offsets {@code <=-5 .. -1, 1 .. >=5} and a root feature, each weighted by linear maps of the two words'
 *       vectors; no hidden layer, no continuous distance.</li>
 * </ul>
 * Both train one pass (Adam, one step per sentence) and report UAS with punctuation excluded.
 */
public enum DistanceBaseline {
    /** One hidden layer over word vectors and distance features (the paper's baseline). */
    HIDDEN_LAYER("hidden-layer"),
    /** Log-linear over offset indicators with word-conditioned weights (the earlier baseline). */
    LOG_LINEAR("log-linear");

    private final String label;

    DistanceBaseline(String label) { this.label = label; }

    /** The option value ({@code hidden-layer}, {@code log-linear}). */
    public String label() { return label; }

    /** The variant of an option value; the message lists the accepted ones. */
    public static DistanceBaseline of(String label) {
        for (DistanceBaseline d : values()) if (d.label.equals(label)) return d;
        throw new IllegalArgumentException("unknown distance baseline '" + label + "' (expected hidden-layer or log-linear)");
    }

    /**
     * Trains the baseline one pass over {@code train} and returns its UAS on {@code dev} (punctuation excluded).
     *
     * @param seed initial weights of the hidden-layer network (the log-linear model starts at zero)
     */
    public ProbeAnalysis.Uas trainAndEvaluate(List<Sentence> train, List<Sentence> dev, WordVectors vectors, double lr, long seed) {
        if (train.isEmpty()) throw new IllegalArgumentException("no training sentence for the distance baseline");
        if (this == LOG_LINEAR) {
            ArcProbe p = ProbeAnalysis.train(train, ProbeAnalysis.distances(), vectors, lr);
            return ProbeAnalysis.evaluate(p, dev, ProbeAnalysis.distances(), vectors);
        }
        DistanceNetworkProbe p = new DistanceNetworkProbe(vectors.dimension(), DistanceNetworkProbe.HIDDEN, lr, seed);
        for (Sentence s : train) p.train(vectors.vectors(s), ProbeAnalysis.gold(s));
        return ProbeAnalysis.evaluate(dev, s -> p.predict(vectors.vectors(s)));
    }
}
