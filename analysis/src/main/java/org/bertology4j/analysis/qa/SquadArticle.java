package org.bertology4j.analysis.qa;

import java.util.List;

/**
 * One SQuAD article (a document).
 *
 * @param title      the title (a treebank's document id for generated data)
 * @param paragraphs its paragraphs in order
 */
public record SquadArticle(String title, List<SquadParagraph> paragraphs) {
    public SquadArticle {
        paragraphs = List.copyOf(paragraphs);
    }
}
