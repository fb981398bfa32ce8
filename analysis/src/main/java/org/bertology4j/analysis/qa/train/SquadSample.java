package org.bertology4j.analysis.qa.train;

import org.bertology4j.analysis.qa.SquadArticle;
import org.bertology4j.analysis.qa.SquadDataset;
import org.bertology4j.analysis.qa.SquadParagraph;
import org.bertology4j.analysis.qa.SquadQuestion;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Seeded subsets of a SQuAD data set's questions. */
public final class SquadSample {
    private SquadSample() {}

    /**
     * {@code n} questions drawn at random (seeded; a negative or too large n keeps all), in the data set's order, with
     * their paragraphs and articles (those left without questions dropped).
     */
    public static SquadDataset questions(SquadDataset data, int n, long seed) {
        List<SquadQuestion> all = data.questions().toList();
        if (n < 0 || n >= all.size()) return data;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) order.add(i);
        Collections.shuffle(order, new Random(seed));
        Set<String> keep = new HashSet<>();
        for (int i : order.subList(0, n)) keep.add(all.get(i).id());
        List<SquadArticle> articles = new ArrayList<>();
        for (SquadArticle a : data.articles()) {
            List<SquadParagraph> ps = new ArrayList<>();
            for (SquadParagraph p : a.paragraphs()) {
                List<SquadQuestion> qs = p.questions().stream().filter(q -> keep.contains(q.id())).toList();
                if (!qs.isEmpty()) ps.add(new SquadParagraph(p.context(), qs));
            }
            if (!ps.isEmpty()) articles.add(new SquadArticle(a.title(), ps));
        }
        return new SquadDataset(data.version(), articles);
    }
}
