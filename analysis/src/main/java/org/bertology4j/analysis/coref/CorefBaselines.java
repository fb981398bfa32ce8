package org.bertology4j.analysis.coref;

import java.util.List;
import java.util.function.Predicate;

/**
 * The antecedent-selection baselines of Clark et al. 4.3. Each picks one candidate (an earlier mention);
 * candidates are ordered by head position, the nearest is the last.
 */
public final class CorefBaselines {
    /** Baseline names in report order. */
    public static final String[] NAMES = {"nearest", "head_match", "sieve"};

    private CorefBaselines() {}

    /** Pick of baseline {@code index} (see {@link #NAMES}); candidates must be non-empty. */
    public static SegmentMention pick(int index, SegmentMention m, List<SegmentMention> candidates) {
        return switch (index) {
            case 0 -> nearest(candidates);
            case 1 -> headMatch(m, candidates);
            case 2 -> sieve(m, candidates);
            default -> throw new IllegalArgumentException("no baseline " + index);
        };
    }

    /** The nearest earlier mention. */
    public static SegmentMention nearest(List<SegmentMention> candidates) {
        return candidates.get(candidates.size() - 1);
    }

    /** The nearest earlier mention with the same lowercased head word; the nearest mention if there is none. */
    public static SegmentMention headMatch(SegmentMention m, List<SegmentMention> candidates) {
        SegmentMention c = nearestWhere(candidates, x -> x.headForm().equals(m.headForm()));
        return c != null ? c : nearest(candidates);
    }

    /** Sieve: exact string, then head word, then number/person/gender agreement, then any; nearest passing the first sieve that any candidate passes. */
    public static SegmentMention sieve(SegmentMention m, List<SegmentMention> candidates) {
        List<Predicate<SegmentMention>> sieves = List.of(
                x -> x.text().equals(m.text()),
                x -> x.headForm().equals(m.headForm()),
                x -> x.agreesWith(m));
        for (Predicate<SegmentMention> s : sieves) {
            SegmentMention c = nearestWhere(candidates, s);
            if (c != null) return c;
        }
        return nearest(candidates);
    }

    private static SegmentMention nearestWhere(List<SegmentMention> candidates, Predicate<SegmentMention> p) {
        for (int i = candidates.size() - 1; i >= 0; i--) if (p.test(candidates.get(i))) return candidates.get(i);
        return null;
    }
}
