package org.bertology4j.core.deeplift;

import java.util.ArrayList;
import java.util.List;

/**
 * The scalar being explained: a linear combination of head outputs, each at a fixed index evaluated
 * on input and reference alike. DeepLIFT multipliers are linear in the target, so a combination's
 * attribution is the same combination of the terms' attributions.
 */
public final class Target {
    /** Head output kinds. */
    public enum Kind {
        /** Masked-LM logit of a token id at a position. */
        MASKED_LM,
        /** Sequence-classification logit of a label (pooler + classifier on [CLS]). */
        CLASS_LOGIT,
        /** QA start logit at a position (the input's argmax when the position is {@link #ARGMAX}). */
        QA_START,
        /** QA end logit at a position (the input's argmax when the position is {@link #ARGMAX}). */
        QA_END
    }

    /** Position placeholder: the argmax over the input's real tokens, fixed before the reference is run. */
    public static final int ARGMAX = -1;

    /**
     * One weighted head output.
     *
     * @param position token position (MLM, QA) or 0 (class)
     * @param index    token id (MLM), label (class), unused for QA
     */
    public record Term(Kind kind, int position, int index, double weight) {
        @Override
        public String toString() {
            String w = weight == 1 ? "" : weight + "*";
            return switch (kind) {
                case MASKED_LM -> w + "mlm[pos " + position + ", token " + index + "]";
                case CLASS_LOGIT -> w + "class[" + index + "]";
                case QA_START -> w + "qaStart[" + (position == ARGMAX ? "argmax" : position) + "]";
                case QA_END -> w + "qaEnd[" + (position == ARGMAX ? "argmax" : position) + "]";
            };
        }
    }

    private final List<Term> terms;

    private Target(List<Term> terms) { this.terms = List.copyOf(terms); }

    /** Masked-LM logit of {@code tokenId} at {@code position}. */
    public static Target maskedLm(int position, int tokenId) {
        if (position < 0 || tokenId < 0) throw new IllegalArgumentException("masked-LM target needs position >= 0 and token id >= 0");
        return new Target(List.of(new Term(Kind.MASKED_LM, position, tokenId, 1)));
    }

    /** Sequence-classification logit of {@code label}. */
    public static Target classLogit(int label) {
        if (label < 0) throw new IllegalArgumentException("class label must be >= 0, got " + label);
        return new Target(List.of(new Term(Kind.CLASS_LOGIT, 0, label, 1)));
    }

    /** QA start logit at the input's argmax start position. */
    public static Target qaStart() { return new Target(List.of(new Term(Kind.QA_START, ARGMAX, 0, 1))); }

    /** QA end logit at the input's argmax end position. */
    public static Target qaEnd() { return new Target(List.of(new Term(Kind.QA_END, ARGMAX, 0, 1))); }

    /** QA start logit at a given position. */
    public static Target qaStartAt(int position) { return new Target(List.of(new Term(Kind.QA_START, checkPos(position), 0, 1))); }

    /** QA end logit at a given position. */
    public static Target qaEndAt(int position) { return new Target(List.of(new Term(Kind.QA_END, checkPos(position), 0, 1))); }

    /** This target plus another. */
    public Target plus(Target other) {
        List<Term> t = new ArrayList<>(terms);
        t.addAll(other.terms);
        return new Target(t);
    }

    /** This target scaled by {@code w}. */
    public Target times(double w) {
        List<Term> t = new ArrayList<>();
        for (Term x : terms) t.add(new Term(x.kind, x.position, x.index, x.weight * w));
        return new Target(t);
    }

    /** Σ w_i·target_i. */
    public static Target combination(double[] weights, Target... targets) {
        if (weights.length != targets.length || targets.length == 0) {
            throw new IllegalArgumentException(weights.length + " weights for " + targets.length + " targets");
        }
        Target r = targets[0].times(weights[0]);
        for (int i = 1; i < targets.length; i++) r = r.plus(targets[i].times(weights[i]));
        return r;
    }

    public List<Term> terms() { return terms; }

    private static int checkPos(int p) {
        if (p < 0) throw new IllegalArgumentException("position must be >= 0, got " + p);
        return p;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Term t : terms) sb.append(sb.length() == 0 ? "" : " + ").append(t);
        return sb.toString();
    }
}
