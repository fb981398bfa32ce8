package org.bertology4j.weights.tf;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps TensorFlow BERT variable names (Google's original checkpoints, TF-Hub modules with a
 * {@code module/} prefix) to Hugging Face PyTorch names. Dense kernels are stored {@code [in, out]} in TF
 * and {@code [out, in]} in a PyTorch Linear, so they must be transposed ({@link Mapped#transpose()}).
 * The masked-LM decoder weight is tied to the word embeddings and has no variable of its own.
 */
public final class TfToHfNames {
    /** A TF variable and the Hugging Face tensor it becomes. */
    public record Mapped(String tfName, String hfName, boolean transpose) {}

    /** Outcome of mapping a whole checkpoint: mapped tensors, deliberately skipped ones, and unknown ones (to warn about). */
    public record Result(List<Mapped> mapped, List<String> skipped, List<String> unknown) {}

    /** Dense / LayerNorm modules whose path maps one-to-one (layer_N becomes layer.N). */
    private static final Pattern MODULE = Pattern.compile(
            "(bert/embeddings/LayerNorm"
                    + "|bert/encoder/layer_\\d+/attention/self/(?:query|key|value)"
                    + "|bert/encoder/layer_\\d+/attention/output/(?:dense|LayerNorm)"
                    + "|bert/encoder/layer_\\d+/intermediate/dense"
                    + "|bert/encoder/layer_\\d+/output/(?:dense|LayerNorm)"
                    + "|bert/pooler/dense"
                    + "|cls/predictions/transform/(?:dense|LayerNorm))"
                    + "/(kernel|bias|gamma|beta)");
    private static final Pattern EMBEDDING = Pattern.compile("bert/embeddings/(word|position|token_type)_embeddings");

    private TfToHfNames() {}

    /** Optimizer slots and bookkeeping variables that are not model weights. */
    public static boolean isSkipped(String tfName) {
        String n = stripModulePrefix(tfName);
        return n.endsWith("/adam_m") || n.endsWith("/adam_v") || n.equals("global_step")
                || n.endsWith("/Adam") || n.endsWith("/Adam_1");
    }

    /** TF-Hub modules prefix every variable with {@code module/}. */
    public static String stripModulePrefix(String tfName) {
        return tfName.startsWith("module/") ? tfName.substring("module/".length()) : tfName;
    }

    /** The Hugging Face name of a TF variable; empty when it is skipped or unknown. */
    public static Optional<Mapped> map(String tfName) {
        if (isSkipped(tfName)) return Optional.empty();
        String n = stripModulePrefix(tfName);
        Matcher m = EMBEDDING.matcher(n);
        if (m.matches()) return Optional.of(new Mapped(tfName, "bert.embeddings." + m.group(1) + "_embeddings.weight", false));
        m = MODULE.matcher(n);
        if (m.matches()) {
            String module = m.group(1).replaceAll("layer_(\\d+)", "layer.$1").replace('/', '.');
            String leaf = m.group(2);
            return Optional.of(switch (leaf) {
                case "kernel" -> new Mapped(tfName, module + ".weight", true);
                case "gamma" -> new Mapped(tfName, module + ".weight", false);
                default -> new Mapped(tfName, module + ".bias", false); // bias, beta
            });
        }
        return switch (n) {
            case "cls/predictions/output_bias" -> Optional.of(new Mapped(tfName, "cls.predictions.bias", false));
            // Already [2, hidden] / [labels, hidden] (used as transpose_b in TF): no transpose.
            case "cls/seq_relationship/output_weights" -> Optional.of(new Mapped(tfName, "cls.seq_relationship.weight", false));
            case "cls/seq_relationship/output_bias" -> Optional.of(new Mapped(tfName, "cls.seq_relationship.bias", false));
            case "output_weights" -> Optional.of(new Mapped(tfName, "classifier.weight", false));
            case "output_bias" -> Optional.of(new Mapped(tfName, "classifier.bias", false));
            default -> Optional.empty();
        };
    }

    /** Maps every name, sorting them into mapped, skipped and unknown. */
    public static Result mapAll(Collection<String> tfNames) {
        List<Mapped> mapped = new ArrayList<>();
        List<String> skipped = new ArrayList<>(), unknown = new ArrayList<>();
        for (String n : tfNames) {
            if (isSkipped(n)) {
                skipped.add(n);
            } else {
                map(n).ifPresentOrElse(mapped::add, () -> unknown.add(n));
            }
        }
        return new Result(mapped, skipped, unknown);
    }
}
