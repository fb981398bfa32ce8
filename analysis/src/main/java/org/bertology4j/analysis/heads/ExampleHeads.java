package org.bertology4j.analysis.heads;

import org.bertology4j.analysis.attention.HeadLabels;
import org.bertology4j.analysis.attention.SentenceAttention;
import org.bertology4j.analysis.attention.SentenceEncoder;
import org.bertology4j.analysis.attention.WordAttention;
import org.bertology4j.analysis.attention.WordUnits;
import org.bertology4j.analysis.attention.AttentionSource;
import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.analysis.conllu.Mention;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.analysis.surface.ParagraphPairs;
import org.bertology4j.io.AtomicFiles;
import org.bertology4j.plot.AttentionLines;
import org.bertology4j.tokenizer.Encoding;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Clark et al.'s example-head figures from any model: Figure 1 (heads showing the surface patterns of Sect. 3, drawn at
 * the piece level on one input) and Figure 5 (heads that correspond to linguistic phenomena, drawn at the word level,
 * [CLS] and [SEP] included, with the dependents of the head's relation in red).
 *
 * <p>Which heads: Figure 5's captions name them (8-10, 8-11, 7-6, 4-10, 9-6, 5-4) with their phenomena; the paper's
 * text does not name Figure 1's heads, the authors' released notebook draws 1-1, 3-1, 8-7 and 11-6 (0-based
 * {@code (0,0), (2,0), (7,6), (10,5)}). Which sentences: the paper does not say how its examples were chosen; here the
 * first full sentences of the treebank, in file order, of a given length that contain the phenomenon, whatever the head does
 * on them (no choice by result).
 */
public final class ExampleHeads {
    private ExampleHeads() {}

    /**
     * A Figure 5 head: 0-based layer and head, the UD relation whose dependents it attends from (or {@link #COREF} for
     * a later mention of an entity), and the paper's caption.
     *
     * @param hideSpecials drop [CLS]/[SEP] columns and renormalise the rows (the paper: "For Head 9-6, we don't show
     *                     attention to [SEP] for clarity")
     */
    public record LinguisticHead(int layer, int head, String relation, String caption, boolean hideSpecials) {
        /** 1-based label {@code L-H}. */
        public String label() { return HeadLabels.label(layer, head); }
    }

    /** A Figure 1 head: 0-based layer and head, and the pattern it shows. */
    public record SurfaceHead(int layer, int head, String caption) {
        /** 1-based label {@code L-H}. */
        public String label() { return HeadLabels.label(layer, head); }
    }

    private static final Set<String> END = Set.of(".", "?", "!");

    /** The relation name of the coreference head. */
    public static final String COREF = "coref";

    /** Figure 5's heads with the paper's captions; relations are the UD counterparts (prepositions are UD {@code case}). */
    public static final List<LinguisticHead> FIGURE_5 = List.of(
            new LinguisticHead(7, 9, "obj", "Direct objects attend to their verbs", false),
            new LinguisticHead(7, 10, "det", "Noun modifiers (e.g., determiners) attend to their noun", false),
            new LinguisticHead(6, 5, "nmod:poss", "Possessive pronouns and apostrophes attend to the head of the corresponding NP", false),
            new LinguisticHead(3, 9, "aux:pass", "Passive auxiliary verbs attend to the verb they modify", false),
            new LinguisticHead(8, 5, "case", "Prepositions attend to their objects", true),
            new LinguisticHead(4, 3, COREF, "Coreferent mentions attend to their antecedents", false));

    /** Figure 1's heads as drawn by the authors' released notebook, with the patterns of Sect. 3. */
    public static final List<SurfaceHead> FIGURE_1 = List.of(
            new SurfaceHead(0, 0, "attends broadly"),
            new SurfaceHead(2, 0, "attends to the next token"),
            new SurfaceHead(7, 6, "attends to [SEP]"),
            new SurfaceHead(10, 5, "attends to periods"));

    /** Words of {@code s} the head's phenomenon starts from: dependents of the relation, or later coreferent mentions' heads. */
    public static Set<Integer> highlighted(Sentence s, String relation) {
        Set<Integer> out = new LinkedHashSet<>();
        if (relation.equals(COREF)) {
            Set<String> seen = new HashSet<>();
            List<Mention> ms = new ArrayList<>(s.mentions());
            ms.sort((a, b) -> Integer.compare(a.headWord(s), b.headWord(s)));
            for (Mention m : ms) if (!seen.add(m.entityId())) out.add(m.headWord(s));
            return out;
        }
        for (int i = 0; i < s.size(); i++) if (s.words().get(i).deprel().equals(relation)) out.add(i);
        return out;
    }

    /**
     * The first {@code count} sentences, in order, of {@code minWords..maxWords} words ending in ".", "?" or "!" (full
     * sentences, not headings or bylines) that have at least one highlighted word for {@code relation} (and that
     * {@code encoder} covers within {@code maxPieces}).
     */
    public static List<Sentence> examples(List<Sentence> sentences, String relation, int count, int minWords, int maxWords,
                                          SentenceEncoder encoder, int maxPieces) {
        List<Sentence> out = new ArrayList<>();
        for (Sentence s : sentences) {
            if (out.size() == count) break;
            if (s.size() < minWords || s.size() > maxWords || !END.contains(s.words().get(s.size() - 1).form())
                    || highlighted(s, relation).isEmpty()) continue;
            Encoding e = encoder.encode(s.forms());
            if (e.length() <= maxPieces && !e.truncated() && WordUnits.coversAllWords(e)) out.add(s);
        }
        return out;
    }

    /**
     * A word-level panel of one head on one sentence: units [CLS], the words, [SEP] (attention to a word summed over its
     * pieces, from a word averaged, Sect. 4.1); the highlighted words' rows red.
     */
    public static AttentionLines.Panel wordPanel(String title, Sentence s, Encoding e, SentenceAttention a, LinguisticHead h) {
        WordUnits units = WordUnits.of(e);
        if (units.words() != s.size()) throw new IllegalArgumentException("sentence " + s.sentId() + " has " + s.size() + " words, the encoding " + units.words());
        double[][] w = WordAttention.fromPieces(a.map(h.layer(), h.head()), units);
        List<String> labels = new ArrayList<>();
        Set<Integer> red = new HashSet<>();
        Set<Integer> words = highlighted(s, h.relation());
        for (int u = 0; u < units.size(); u++) {
            int word = units.wordOfUnit(u);
            labels.add(word < 0 ? e.pieces()[firstPiece(units, u)] : s.words().get(word).form());
            if (word >= 0 && words.contains(word)) red.add(u);
        }
        if (h.hideSpecials()) {
            for (double[] row : w) {
                double sum = 0;
                for (int u = 0; u < row.length; u++) {
                    if (units.wordOfUnit(u) < 0) row[u] = 0;
                    sum += row[u];
                }
                if (sum > 0) for (int u = 0; u < row.length; u++) row[u] /= sum;
            }
        }
        return new AttentionLines.Panel(title, labels, w, red, true);
    }

    /** A piece-level panel of one head on one input (Figure 1), nothing highlighted. */
    public static AttentionLines.Panel piecePanel(String title, Encoding e, SentenceAttention a, SurfaceHead h) {
        float[][] m = a.map(h.layer(), h.head());
        double[][] w = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            w[i] = new double[m[i].length];
            for (int j = 0; j < m[i].length; j++) w[i][j] = m[i][j];
        }
        return new AttentionLines.Panel(title, Arrays.asList(e.pieces()), w, Set.of(), true);
    }

    /** The Figure 1 input: the first paragraph pair, in order, of {@code minPieces..maxPieces} pieces holding a period. */
    public static Encoding figure1Input(List<Document> documents, SentenceEncoder encoder, int minPieces, int maxPieces) {
        for (Document d : documents)
            for (Encoding e : ParagraphPairs.of(d, encoder, maxPieces)) {
                if (e.length() >= minPieces && Arrays.asList(e.pieces()).contains(".")) return e;
            }
        throw new IllegalArgumentException("no paragraph pair of " + minPieces + ".." + maxPieces + " pieces with a period");
    }

    /**
     * Draws Figure 1 ({@code figure1-surface-heads.png}: the {@link #FIGURE_1} heads on {@link #figure1Input}, 12..28
     * pieces) and Figure 5 (one {@code figure5-L-H.png} per {@link #FIGURE_5} head, each on the first two full sentences
     * of 6..12 words with its phenomenon) into {@code out}, and {@code figures.md} naming the inputs.
     *
     * @return the files written
     */
    public static List<Path> write(List<Document> documents, SentenceEncoder encoder, AttentionSource model, String modelName,
                                   Path out) throws IOException {
        List<Path> written = new ArrayList<>();
        StringBuilder md = new StringBuilder("# Example heads (Clark et al. 2019, Figures 1 and 5)\n\nModel: ").append(modelName)
                .append(". Lines from a token on the left to a token on the right, opacity = attention weight.\n\n");
        Encoding pair = figure1Input(documents, encoder, 12, 28);
        SentenceAttention pa = model.attend(pair);
        List<AttentionLines.Panel> panels = new ArrayList<>();
        for (SurfaceHead h : FIGURE_1) panels.add(piecePanel("Head " + h.label() + ": " + h.caption(), pair, pa, h));
        Path f1 = out.resolve("figure1-surface-heads.png");
        AttentionLines.draw(f1, panels);
        written.add(f1);
        md.append("## Figure 1 (piece level)\n\nHeads ").append(String.join(", ", FIGURE_1.stream().map(SurfaceHead::label).toList()))
                .append(" (the authors' released notebook; the paper's text does not name them) on the first GUM paragraph pair of ")
                .append("12-28 pieces with a period: `").append(String.join(" ", pair.pieces())).append("`.\n\n## Figure 5 (word level)\n\n")
                .append("| Figure | Head | Caption (paper) | Sentences (first two of 6-12 words with the phenomenon; red = its dependents) |\n|---|---|---|---|\n");
        List<Sentence> sentences = new ArrayList<>();
        for (Document d : documents) sentences.addAll(d.sentences());
        for (LinguisticHead h : FIGURE_5) {
            List<Sentence> ex = examples(sentences, h.relation(), 2, 6, 12, encoder, 128);
            if (ex.isEmpty()) throw new IllegalArgumentException("no sentence of 6..12 words with " + h.relation() + " for head " + h.label());
            List<AttentionLines.Panel> ps = new ArrayList<>();
            for (Sentence s : ex) {
                Encoding e = encoder.encode(s.forms());
                ps.add(wordPanel("Head " + h.label() + " (" + h.relation() + ")", s, e, model.attend(e), h));
            }
            Path png = out.resolve("figure5-" + h.label() + ".png");
            AttentionLines.draw(png, ps);
            written.add(png);
            md.append("| `").append(png.getFileName()).append("` | ").append(h.label()).append(" | ").append(h.caption())
                    .append(h.hideSpecials() ? " (attention to [CLS]/[SEP] hidden, rows renormalised, as in the paper)" : "").append(" | ")
                    .append(String.join("; ", ex.stream().map(s -> s.sentId() + ": " + String.join(" ", s.forms())).toList())).append(" |\n");
        }
        Path mdp = out.resolve("figures.md");
        AtomicFiles.writeString(mdp, md.toString());
        written.add(mdp);
        return written;
    }

    private static int firstPiece(WordUnits units, int unit) {
        for (int p = 0; p < units.pieces(); p++) if (units.unitOfPiece(p) == unit) return p;
        throw new IllegalStateException("unit " + unit + " has no piece");
    }
}
