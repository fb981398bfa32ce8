package org.bertology4j.analysis.qa;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Adds unanswerable questions: a question generated from another paragraph, asked of a paragraph that does not hold
 * its answer. Each paragraph gets its share of the total (share / (1 - share) unanswerable questions per answerable
 * one, rounded with the remainder carried to the next paragraph, so the whole data set has the share asked for),
 * drawn first from the other paragraphs of the same document (questions on the same topic), then from the rest of the
 * corpus. A question qualifies when its answer occurs in the paragraph neither as text (ignoring case) nor as a run of
 * normalised tokens (SQuAD's normalisation), and the paragraph does not already ask it. Its plausible answer is the
 * first answer of the paragraph's own questions with the same question word that the question does not contain,
 * when there is one.
 *
 * <p>The draws use a random generator seeded by the seed and the paragraph's id, so the choice for one paragraph does
 * not depend on the others and the same seed gives the same data set.
 */
final class UnanswerableSampler {
    /** Draws per missing question when falling back to the whole corpus. */
    private static final int CORPUS_TRIES = 50;

    private final double ratio;
    private final long seed;

    UnanswerableSampler(double share, long seed) {
        if (!(share >= 0 && share < 1)) throw new IllegalArgumentException("unanswerable share must be in [0, 1): " + share);
        this.ratio = share / (1 - share);
        this.seed = seed;
    }

    /** Fills each paragraph's unanswerable questions and counts them into {@code stats}. */
    void sample(List<QaParagraph> paragraphs, QaDataStats stats) {
        List<QaParagraph.Generated> corpus = new ArrayList<>();
        List<Integer> corpusDocument = new ArrayList<>();
        for (QaParagraph p : paragraphs) {
            for (QaParagraph.Generated g : p.answerable) {
                corpus.add(g);
                corpusDocument.add(p.document);
            }
        }
        double carried = 0;
        long assigned = 0;
        for (QaParagraph p : paragraphs) {
            carried += ratio * p.answerable.size();
            int quota = (int) (Math.round(carried) - assigned);
            assigned += quota;
            if (quota <= 0) continue;
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + p.id.hashCode());
            Set<String> used = new HashSet<>();
            List<QaParagraph.Generated> sameDocument = new ArrayList<>();
            for (QaParagraph other : paragraphs) {
                if (other != p && other.document == p.document) sameDocument.addAll(other.answerable);
            }
            shuffle(sameDocument, random);
            int same = 0, other = 0;
            for (QaParagraph.Generated g : sameDocument) {
                if (same == quota) break;
                if (add(p, g, used)) same++;
            }
            for (int tries = 0; same + other < quota && tries < CORPUS_TRIES * quota && !corpus.isEmpty(); tries++) {
                int k = random.nextInt(corpus.size());
                if (corpusDocument.get(k) == p.document) continue;
                if (add(p, corpus.get(k), used)) other++;
            }
            stats.unanswerable(quota, same, other);
        }
    }

    private boolean add(QaParagraph p, QaParagraph.Generated g, Set<String> used) {
        if (used.contains(g.id()) || !absent(p, g.answer()) || p.asks(g.question())) return false;
        used.add(g.id());
        List<SquadAnswer> plausible = new ArrayList<>();
        List<String> questionTokens = AnswerNormalizer.tokens(g.question());
        for (QaParagraph.Generated own : p.answerable) {
            // "Who did Byron fall in love with?" is not plausibly answered by "Byron"
            if (own.wh() == g.wh() && !QuestionGenerator.contains(questionTokens, AnswerNormalizer.tokens(own.answer()))) {
                plausible.add(new SquadAnswer(own.answer(), SquadParagraph.codePointOffset(p.context, own.start())));
                break;
            }
        }
        p.unanswerable.add(new SquadQuestion(p.id + "-no-" + g.id(), g.question(), List.of(), true, plausible));
        return true;
    }

    /** Whether the answer is missing from the paragraph both as text and as normalised tokens. */
    static boolean absent(QaParagraph p, String answer) {
        List<String> tokens = AnswerNormalizer.tokens(answer);
        if (tokens.isEmpty()) return false;
        if (p.context.toLowerCase(Locale.ROOT).contains(answer.toLowerCase(Locale.ROOT))) return false;
        return !QuestionGenerator.contains(p.contextTokens(), tokens);
    }

    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
