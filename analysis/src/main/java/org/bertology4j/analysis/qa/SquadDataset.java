package org.bertology4j.analysis.qa;

import java.util.List;
import java.util.stream.Stream;

/**
 * A SQuAD data set (1.1 or 2.0 JSON) as records.
 *
 * @param version  the JSON's {@code version} ("1.1", "v2.0"), or null when it has none
 * @param articles the articles ({@code data})
 */
public record SquadDataset(String version, List<SquadArticle> articles) {
    /** The version written for SQuAD 2.0 data. */
    public static final String V2 = "v2.0";

    public SquadDataset {
        articles = List.copyOf(articles);
    }

    /** Every paragraph, in order. */
    public Stream<SquadParagraph> paragraphs() {
        return articles.stream().flatMap(a -> a.paragraphs().stream());
    }

    /** Every question, in order. */
    public Stream<SquadQuestion> questions() {
        return paragraphs().flatMap(p -> p.questions().stream());
    }

    /** Number of questions. */
    public int size() {
        return (int) questions().count();
    }
}
