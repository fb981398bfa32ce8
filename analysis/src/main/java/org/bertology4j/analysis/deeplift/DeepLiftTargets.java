package org.bertology4j.analysis.deeplift;

import org.bertology4j.core.deeplift.Reference;
import org.bertology4j.core.deeplift.Target;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.tokenizer.Vocabulary;

import java.util.Arrays;

/**
 * DeepLIFT targets and references by their text form, as the command line and the viewer name them:
 * {@code mlm:POSITION:TOKEN} (POSITION a piece index or {@code mask} for the first [MASK]; TOKEN a vocabulary piece
 * or id), {@code class:K}, {@code qa-start}, {@code qa-end}; references {@code pad}, {@code mask}, {@code zero}.
 */
public final class DeepLiftTargets {
    private DeepLiftTargets() {}

    /**
     * The target {@code spec} names for {@code encoding}.
     *
     * @throws IllegalArgumentException naming the part of {@code spec} that is wrong
     */
    public static Target parse(String spec, Encoding encoding, Vocabulary vocab) {
        String[] p = spec.split(":", -1);
        switch (p[0]) {
            case "mlm" -> {
                if (p.length != 3) throw new IllegalArgumentException("target mlm needs mlm:POSITION:TOKEN, got '" + spec + "'");
                int pos;
                if (p[1].equals("mask")) {
                    pos = Arrays.stream(encoding.ids()).boxed().toList().indexOf(vocab.maskId());
                    if (pos < 0) throw new IllegalArgumentException("target mlm:mask but the input has no [MASK]: " + encoding.words());
                } else {
                    pos = parseInt(p[1], "position", spec);
                    if (pos < 0 || pos >= encoding.length()) {
                        throw new IllegalArgumentException("target position " + pos + " outside the input's " + encoding.length() + " pieces");
                    }
                }
                int id = p[2].matches("\\d+") ? Integer.parseInt(p[2]) : vocab.find(p[2]).orElseThrow(() ->
                        new IllegalArgumentException("target token '" + p[2] + "' is not in the vocabulary"));
                if (id >= vocab.size()) throw new IllegalArgumentException("target token id " + id + " outside the vocabulary of " + vocab.size());
                return Target.maskedLm(pos, id);
            }
            case "class" -> {
                if (p.length != 2) throw new IllegalArgumentException("target class needs class:K, got '" + spec + "'");
                return Target.classLogit(parseInt(p[1], "class", spec));
            }
            case "qa-start" -> { return Target.qaStart(); }
            case "qa-end" -> { return Target.qaEnd(); }
            default -> throw new IllegalArgumentException("unknown target '" + spec + "'; use mlm:POSITION:TOKEN, class:K, qa-start or qa-end");
        }
    }

    /** The reference named {@code pad} (content pieces to [PAD]), {@code mask} (to [MASK]) or {@code zero} (zero word embeddings). */
    public static Reference reference(String name) {
        return switch (name) {
            case "pad" -> Reference.pad();
            case "mask" -> Reference.mask();
            case "zero" -> Reference.zeroEmbedding();
            default -> throw new IllegalArgumentException("unknown reference '" + name + "'; use pad, mask or zero");
        };
    }

    private static int parseInt(String s, String what, String spec) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("target " + what + " '" + s + "' is not a number in '" + spec + "'");
        }
    }
}
