package org.bertology4j.analysis.qa;

import org.bertology4j.analysis.conllu.Mention;
import org.bertology4j.analysis.conllu.Word;

import java.util.Locale;
import java.util.Set;

/**
 * What kind of thing an argument is, for choosing the question word. The entity type of the coreference mention
 * headed by the word comes first (GUM's {@code Entity=} brackets in MISC: person, organization, place, time, event,
 * abstract, object, substance, animal, plant); without one (other treebanks, unannotated words) small word lists
 * stand in for a named-entity tagger: nouns for people, time and places, month and day names, years.
 */
final class ArgumentTypes {
    private ArgumentTypes() {}

    static final Set<String> PERSON_NOUNS = Set.of("person", "people", "man", "woman", "child", "boy", "girl", "baby",
            "student", "teacher", "researcher", "scientist", "author", "writer", "doctor", "worker", "participant",
            "user", "player", "artist", "leader", "president", "king", "queen", "prince", "princess", "friend",
            "father", "mother", "parent", "brother", "sister", "son", "daughter", "wife", "husband", "member",
            "officer", "soldier", "farmer", "professor", "customer", "employee", "owner", "founder", "director",
            "manager", "expert", "scholar", "poet", "actor", "actress", "singer", "citizen", "resident", "patient",
            "victim", "speaker", "reader", "viewer", "fan", "guest", "judge", "lawyer", "candidate", "voter",
            "minister", "politician", "journalist", "editor", "musician", "painter", "composer", "philosopher",
            "historian", "engineer", "nurse", "chef", "coach", "captain", "general", "emperor", "pope", "bishop",
            "priest", "monk", "knight", "lord", "lady", "neighbor", "neighbour", "colleague", "partner", "volunteer");

    /** Nouns that count or divide a group: a phrase they head is asked about with "what" even when it is of people. */
    static final Set<String> QUANTITY_NOUNS = Set.of("number", "group", "majority", "minority", "percent", "percentage",
            "lot", "half", "part", "rest", "share", "proportion", "amount", "dozen", "couple", "total", "fraction");

    static final Set<String> TIME_NOUNS = Set.of("year", "month", "week", "day", "hour", "minute", "century",
            "decade", "era", "period", "morning", "afternoon", "evening", "night", "noon", "midnight", "weekend",
            "season", "summer", "winter", "spring", "autumn", "date", "semester", "birthday", "anniversary", "dawn",
            "dusk", "christmas", "easter", "today", "tomorrow", "yesterday");

    static final Set<String> MONTHS_AND_DAYS = Set.of("january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
            "friday", "saturday", "sunday");

    static final Set<String> PLACE_NOUNS = Set.of("city", "town", "village", "country", "region", "area", "room",
            "house", "home", "building", "street", "road", "school", "park", "island", "church", "hospital", "office",
            "kitchen", "garden", "field", "forest", "mountain", "river", "lake", "sea", "ocean", "coast", "beach",
            "world", "continent", "capital", "province", "county", "district", "neighborhood", "neighbourhood", "camp",
            "library", "museum", "store", "shop", "restaurant", "hotel", "airport", "station", "farm", "castle",
            "palace", "laboratory", "lab", "classroom", "apartment", "bedroom", "prison", "harbor", "harbour", "port",
            "valley", "desert", "planet", "state", "nation", "territory", "colony", "square", "bridge");

    /** The entity type of the longest coreference mention headed by {@code word}, or null. */
    static String entityType(SentenceView s, int word) {
        Mention best = null;
        for (Mention m : s.sentence.mentions()) {
            if (m.entityType() == null || m.headWord(s.sentence) != word) continue;
            if (best == null || m.length() > best.length()) best = m;
        }
        return best == null ? null : best.entityType();
    }

    /**
     * WHO or WHAT for a nominal argument, or null when it cannot be told (a proper noun without an entity type).
     *
     * @param agentive subjects of verbs and agents: named organizations are asked about with "who" there ("Who
     *                 bought ...?" for Google), with "what" elsewhere and when unnamed ("What closed?" for the garage)
     */
    static WhWord nominal(SentenceView s, int word, boolean agentive) {
        if (QUANTITY_NOUNS.contains(lemma(s.word(word)))) return WhWord.WHAT; // "the number of Americans who ..."
        String type = entityType(s, word);
        if (type != null) {
            if (type.equals("person")) return WhWord.WHO;
            if (type.equals("organization") && agentive && s.word(word).upos().equals("PROPN")) return WhWord.WHO;
            return WhWord.WHAT;
        }
        Word w = s.word(word);
        if (PERSON_NOUNS.contains(lemma(w)) && w.upos().equals("NOUN")) return WhWord.WHO;
        if (w.upos().equals("PROPN")) return null;
        return WhWord.WHAT;
    }

    /** Whether the oblique's noun denotes a time (entity type time; else a time noun, a month or day, a year). */
    static boolean temporal(SentenceView s, int word) {
        String type = entityType(s, word);
        if (type != null) return type.equals("time");
        Word w = s.word(word);
        String lemma = lemma(w);
        if (w.upos().equals("NOUN") && TIME_NOUNS.contains(lemma)) return true;
        if (w.upos().equals("PROPN") && MONTHS_AND_DAYS.contains(lemma)) return true;
        return year(w) || lemma.matches("1[0-9]{3}s|20[0-9]{2}s");
    }

    /** Whether the oblique's noun denotes a place (entity type place, an organization after "at", a place noun). */
    static boolean locative(SentenceView s, int word, String preposition) {
        String type = entityType(s, word);
        if (type != null) return type.equals("place") || (type.equals("organization") && "at".equals(preposition));
        Word w = s.word(word);
        return w.upos().equals("NOUN") && PLACE_NOUNS.contains(lemma(w));
    }

    /** A four-digit number that reads as a year (1000-2099). */
    static boolean year(Word w) {
        return w.upos().equals("NUM") && w.form().matches("1[0-9]{3}|20[0-9]{2}");
    }

    static String lemma(Word w) { return w.lemma().toLowerCase(Locale.ROOT); }
}
