package org.bertology4j.analysis.coref;

import org.bertology4j.analysis.conllu.Word;

import java.util.Objects;

/**
 * A mention inside a coreference segment; word positions are indices into the segment's words.
 *
 * @param start    first word
 * @param end      last word (inclusive)
 * @param head     head word (the span word whose syntactic head lies outside the span)
 * @param entityId entity id
 * @param type     pronoun / proper / nominal from the head word's UPOS
 * @param text     the span's forms, lowercased, space-joined (for the exact-string sieve)
 * @param headWord the head word
 */
public record SegmentMention(int start, int end, int head, String entityId, MentionType type, String text, Word headWord) {

    /** Lowercased head form (for head-word matching). */
    public String headForm() { return headWord.form().toLowerCase(); }

    /** Number/Person/Gender (UD FEATS) agree: each feature is absent on one side or equal. */
    public boolean agreesWith(SegmentMention o) {
        for (String f : new String[]{"Number", "Person", "Gender"}) {
            String a = headWord.feature(f), b = o.headWord.feature(f);
            if (a != null && b != null && !Objects.equals(a, b)) return false;
        }
        return true;
    }
}
