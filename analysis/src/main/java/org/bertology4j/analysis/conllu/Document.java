package org.bertology4j.analysis.conllu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A document: its sentences and the {@code # meta::} metadata given before its first sentence.
 *
 * @param id        document id ({@code # newdoc id}), or null when the input has none
 * @param metadata  {@code # meta::key = value} pairs, keys without the {@code meta::} prefix
 * @param sentences the sentences in order
 */
public record Document(String id, Map<String, String> metadata, List<Sentence> sentences) {

    /** A mention located in the document. */
    public record Located(int sentence, Mention mention) {}

    /** Builds a document from its sentences (the first one carries the metadata comments). */
    public static Document of(List<Sentence> sentences) {
        Map<String, String> meta = new LinkedHashMap<>();
        if (!sentences.isEmpty()) {
            sentences.get(0).comments().forEach((k, v) -> {
                if (k.startsWith("meta::")) meta.put(k.substring("meta::".length()), v);
            });
        }
        String id = sentences.isEmpty() ? null : sentences.get(0).documentId();
        return new Document(id, Collections.unmodifiableMap(meta), List.copyOf(sentences));
    }

    /** The genre ({@code # meta::genre}), or null. */
    public String genre() { return metadata.get("genre"); }

    /** Entities: entity id -> its mentions in document order. */
    public Map<String, List<Located>> entities() {
        Map<String, List<Located>> out = new LinkedHashMap<>();
        for (int s = 0; s < sentences.size(); s++) {
            for (Mention m : sentences.get(s).mentions()) {
                out.computeIfAbsent(m.entityId(), k -> new ArrayList<>()).add(new Located(s, m));
            }
        }
        return out;
    }

    /** Paragraphs: runs of sentences starting at a {@code # newpar} (or the document start). */
    public List<List<Sentence>> paragraphs() {
        List<List<Sentence>> out = new ArrayList<>();
        for (Sentence s : sentences) {
            if (out.isEmpty() || s.newParagraph()) out.add(new ArrayList<>());
            out.get(out.size() - 1).add(s);
        }
        return out;
    }
}
