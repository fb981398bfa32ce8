package org.bertology4j.analysis.coref;

/** Mention type from the UPOS of its head word (Clark et al. Table 2 columns). */
public enum MentionType {
    PRONOUN, PROPER, NOMINAL;

    /** PRON -> pronoun, PROPN -> proper, anything else -> nominal. */
    public static MentionType ofUpos(String upos) {
        return switch (upos) {
            case "PRON" -> PRONOUN;
            case "PROPN" -> PROPER;
            default -> NOMINAL;
        };
    }

    /** Lowercase name used in reports. */
    public String key() { return name().toLowerCase(); }
}
