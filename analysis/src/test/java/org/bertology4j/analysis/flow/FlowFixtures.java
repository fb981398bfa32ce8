package org.bertology4j.analysis.flow;

import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.Sentence;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** Hand-made CoNLL-U sentences and synthetic flow maps for the flow tests. */
final class FlowFixtures {
    private FlowFixtures() {}

    static String w(int id, String form, String upos, int head, String rel, String misc) {
        return id + "\t" + form + "\t" + form.toLowerCase() + "\t" + upos + "\t_\t_\t" + head + "\t" + rel + "\t_\t" + misc + "\n";
    }

    /**
     * s1 "John said he saw the dog and it barked": nouns John(0), dog(5); pronouns he(2), it(7);
     * pairs (0,2) coref, (0,7) not, (5,7) coref.
     * s2 "Mary met Sue and she left it today": Mary(0), Sue(2) heads; she(4) head; "it"(6) and "today"(7) are
     * not mentions; pairs (0,4) not, (2,4) coref.
     * s3 "Go !": two words (too short for the dependency analysis).
     */
    static final String TEXT = "# newdoc id = d1\n# sent_id = s1\n"
            + w(1, "John", "PROPN", 2, "nsubj", "Entity=(e1-person)")
            + w(2, "said", "VERB", 0, "root", "_")
            + w(3, "he", "PRON", 4, "nsubj", "Entity=(e1-person)")
            + w(4, "saw", "VERB", 2, "ccomp", "_")
            + w(5, "the", "DET", 6, "det", "Entity=(e2-animal")
            + w(6, "dog", "NOUN", 4, "obj", "Entity=e2)")
            + w(7, "and", "CCONJ", 9, "cc", "_")
            + w(8, "it", "PRON", 9, "nsubj", "Entity=(e2-animal)")
            + w(9, "barked", "VERB", 2, "conj", "_")
            + "\n# sent_id = s2\n"
            + w(1, "Mary", "PROPN", 2, "nsubj", "Entity=(e3-person)")
            + w(2, "met", "VERB", 0, "root", "_")
            + w(3, "Sue", "PROPN", 2, "obj", "Entity=(e4-person)")
            + w(4, "and", "CCONJ", 6, "cc", "_")
            + w(5, "she", "PRON", 6, "nsubj", "Entity=(e4-person)")
            + w(6, "left", "VERB", 2, "conj", "_")
            + w(7, "it", "PRON", 6, "obj", "_")
            + w(8, "today", "NOUN", 6, "obl", "_")
            + "\n# sent_id = s3\n"
            + w(1, "Go", "VERB", 0, "root", "_")
            + w(2, "!", "PUNCT", 1, "punct", "_")
            + "\n";

    static List<Sentence> sentences() {
        return read(TEXT);
    }

    static List<Sentence> read(String text) {
        List<Sentence> out = new ArrayList<>();
        try (ConlluReader r = new ConlluReader(new StringReader(text), "fixture", false)) {
            r.forEach(out::add);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    /** Entry function of a synthetic map: layer n, from t1 into t2. */
    interface Entry {
        double at(int n, int t1, int t2);
    }

    static double[][][] map(int layers, int w, Entry f) {
        double[][][] m = new double[layers][w][w];
        for (int n = 0; n < layers; n++) for (int t2 = 0; t2 < w; t2++) for (int t1 = 0; t1 < w; t1++) m[n][t2][t1] = f.at(n, t1, t2);
        return m;
    }

    static FlowMaps maps(Sentence s, int layers, Entry a, Entry g, Entry gs) {
        int w = s.size();
        return new FlowMaps(s.forms(), map(layers, w, a), map(layers, w, g), map(layers, w, gs));
    }

    /** Deterministic pseudo-random maps (distinct per sentence) for merge / resume tests. */
    static FlowMaps noisy(Sentence s, int layers) {
        java.util.Random rnd = new java.util.Random(s.sentId().hashCode());
        int w = s.size();
        return new FlowMaps(s.forms(), map(layers, w, (n, a, b) -> rnd.nextDouble()),
                map(layers, w, (n, a, b) -> rnd.nextDouble() * 3), map(layers, w, (n, a, b) -> rnd.nextGaussian() + 5));
    }
}
