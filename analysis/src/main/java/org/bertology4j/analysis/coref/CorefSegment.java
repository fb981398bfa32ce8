package org.bertology4j.analysis.coref;

import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.analysis.conllu.Mention;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.analysis.attention.SentenceEncoder;
import org.bertology4j.analysis.attention.WordUnits;
import org.bertology4j.tokenizer.Encoding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Consecutive sentences of one document encoded as one {@code [CLS] words [SEP]} input, with their mentions.
 *
 * @param sentences the sentences
 * @param encoding  the model input
 * @param mentions  the mentions, ordered by head word, then start, then end
 */
public record CorefSegment(List<Sentence> sentences, Encoding encoding, List<SegmentMention> mentions) {

    /** Result of cutting a document: segments and the sentences that could not fit into any. */
    public record Cut(List<CorefSegment> segments, int skippedSentences) {}

    /**
     * Greedily packs consecutive sentences while the encoding stays within {@code maxPieces} (specials included).
     * A sentence too long on its own (or with a word that tokenizes to nothing) is skipped (counted) and ends the
     * current segment.
     */
    public static Cut cut(Document doc, SentenceEncoder encoder, int maxPieces) {
        List<CorefSegment> out = new ArrayList<>();
        List<Sentence> cur = new ArrayList<>();
        int curPieces = 2, skipped = 0;
        for (Sentence s : doc.sentences()) {
            Encoding alone = encoder.encode(s.forms());
            int pieces = alone.length() - 2; // pieces of a word do not depend on context
            if (pieces + 2 > maxPieces || !WordUnits.coversAllWords(alone)) {
                if (!cur.isEmpty()) out.add(of(cur, encoder));
                cur = new ArrayList<>();
                curPieces = 2;
                skipped++;
                continue;
            }
            if (curPieces + pieces > maxPieces) {
                out.add(of(cur, encoder));
                cur = new ArrayList<>();
                curPieces = 2;
            }
            cur.add(s);
            curPieces += pieces;
        }
        if (!cur.isEmpty()) out.add(of(cur, encoder));
        return new Cut(out, skipped);
    }

    /** A segment of the given sentences. */
    public static CorefSegment of(List<Sentence> sentences, SentenceEncoder encoder) {
        List<String> words = new ArrayList<>();
        List<SegmentMention> mentions = new ArrayList<>();
        for (Sentence s : sentences) {
            int offset = words.size();
            for (Mention m : s.mentions()) {
                int h = m.headWord(s);
                StringBuilder text = new StringBuilder();
                for (int i = m.start(); i <= m.end(); i++) text.append(i > m.start() ? " " : "").append(s.words().get(i).form().toLowerCase());
                mentions.add(new SegmentMention(offset + m.start(), offset + m.end(), offset + h, m.entityId(),
                        MentionType.ofUpos(s.words().get(h).upos()), text.toString(), s.words().get(h)));
            }
            words.addAll(s.forms());
        }
        mentions.sort(Comparator.comparingInt(SegmentMention::head).thenComparingInt(SegmentMention::start).thenComparingInt(SegmentMention::end));
        return new CorefSegment(List.copyOf(sentences), encoder.encode(words), List.copyOf(mentions));
    }

    /** Mentions whose head word comes before {@code m}'s head word (the candidate antecedents). */
    public List<SegmentMention> candidates(SegmentMention m) {
        return mentions.stream().filter(c -> c.head() < m.head()).toList();
    }
}
