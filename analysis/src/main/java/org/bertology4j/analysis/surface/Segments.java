package org.bertology4j.analysis.surface;

import org.bertology4j.analysis.attention.SentenceEncoder;
import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.tokenizer.Encoding;

import java.util.List;

/** How a document is cut into the {@code [CLS] A [SEP] B [SEP]} inputs of the surface and clustering studies. */
public enum Segments {
    /** Two consecutive {@code # newpar} paragraphs that fit in the limit, non-overlapping ({@link ParagraphPairs}; the default). */
    PARAGRAPH_PAIRS("paragraph-pairs"),
    /** Consecutive sentences filled up to the limit and split at a random sentence, as BERT's pre-training data ({@link FilledSegments}). */
    FILLED("filled");

    private final String label;

    Segments(String label) { this.label = label; }

    /** The option value ({@code paragraph-pairs}, {@code filled}). */
    public String label() { return label; }

    /** The variant of an option value; the message lists the accepted ones. */
    public static Segments of(String label) {
        for (Segments s : values()) if (s.label.equals(label)) return s;
        throw new IllegalArgumentException("unknown segments '" + label + "' (expected paragraph-pairs or filled)");
    }

    /** The inputs of one document; {@code seed} drives the random choices of {@link #FILLED}. */
    public List<Encoding> of(Document doc, SentenceEncoder encoder, int maxPieces, long seed) {
        return this == PARAGRAPH_PAIRS ? ParagraphPairs.of(doc, encoder, maxPieces) : FilledSegments.of(doc, encoder, maxPieces, seed);
    }
}
