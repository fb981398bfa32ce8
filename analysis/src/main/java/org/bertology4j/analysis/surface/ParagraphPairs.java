package org.bertology4j.analysis.surface;

import org.bertology4j.analysis.attention.Encodings;
import org.bertology4j.analysis.attention.SentenceEncoder;
import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.tokenizer.Encoding;

import java.util.ArrayList;
import java.util.List;

/**
 * Two-paragraph inputs {@code [CLS] p1 [SEP] p2 [SEP]} (Clark et al. section 3). Paragraphs come from
 * {@code # newpar}. Non-overlapping pairs: paragraphs i and i+1 are paired when the input fits in
 * {@code maxPieces}, then the scan moves to i+2; otherwise it moves to i+1.
 */
public final class ParagraphPairs {
    private ParagraphPairs() {}

    /** The pair encodings of one document. */
    public static List<Encoding> of(Document doc, SentenceEncoder encoder, int maxPieces) {
        List<List<Sentence>> pars = doc.paragraphs();
        List<Encoding> out = new ArrayList<>();
        Encoding[] enc = new Encoding[pars.size()];
        for (int i = 0; i + 1 < pars.size(); ) {
            if (enc[i] == null) enc[i] = encoder.encode(words(pars.get(i)));
            if (enc[i + 1] == null) enc[i + 1] = encoder.encode(words(pars.get(i + 1)));
            if (enc[i].length() + enc[i + 1].length() - 1 <= maxPieces) {
                out.add(Encodings.pair(enc[i], enc[i + 1]));
                i += 2;
            } else {
                i += 1;
            }
        }
        return out;
    }

    private static List<String> words(List<Sentence> par) {
        List<String> w = new ArrayList<>();
        for (Sentence s : par) w.addAll(s.forms());
        return w;
    }
}
