package org.bertology4j.cli;

import org.bertology4j.core.deeplift.Attribution;
import org.bertology4j.core.deeplift.DeepLift;
import org.bertology4j.core.deeplift.Reference;
import org.bertology4j.core.deeplift.SpecialTokens;
import org.bertology4j.core.deeplift.Target;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.io.Npy;
import org.bertology4j.plot.Plots;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.tokenizer.Vocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code deeplift}: exact DeepLIFT attributions of one output to every token, per layer. */
@Command(name = "deeplift", description = "DeepLIFT (exact multiplier propagation) of one output: writes scores.npy "
        + "[layers+1, T] (row 0 = input word embeddings, row n = h_n), tokens.json, deeplift.json (target values, "
        + "completeness residual) and deeplift.png (tokens coloured by score per layer).")
public final class DeepLiftCommand implements Callable<Integer> {
    @Mixin
    ModelOption modelOption;

    @Mixin
    InputText input;

    @Option(names = "--target", required = true, paramLabel = "SPEC", description = "mlm:POSITION:TOKEN (POSITION = piece "
            + "index or 'mask' for the first [MASK]; TOKEN = a vocabulary piece or id), class:K, qa-start or qa-end "
            + "(index fixed at the input's argmax).")
    String target;

    @Option(names = "--reference", defaultValue = "pad", description = "pad (default: content tokens -> [PAD]), mask "
            + "(content -> [MASK]) or zero (zero word embeddings).")
    String reference;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws IOException {
        LoadedModel m = LoadedModel.open(modelOption);
        Encoding enc = input.encode(m.tokenizer());
        Attribution a = attribute(m, enc, parseTarget(target, enc, m.tokenizer().vocabulary()), parseReference(reference));
        for (Path p : write(a, enc, out)) System.out.println("wrote " + p);
        System.out.printf("target %s: input %.6f, reference %.6f, delta %.6f, completeness residual %.3e (relative %.2e)%n",
                a.target(), a.targetInput(), a.targetReference(), a.delta(), a.residual(), a.relativeResidual());
        return 0;
    }

    static Attribution attribute(LoadedModel m, Encoding enc, Target t, Reference r) {
        Vocabulary v = m.tokenizer().vocabulary();
        SpecialTokens special = new SpecialTokens(v.padId(), v.clsId(), v.sepId(), v.maskId());
        return new DeepLift(m.model(), special).attribute(BertInput.of(enc), r, t);
    }

    /** Parses the --target specification against an encoding. */
    static Target parseTarget(String spec, Encoding enc, Vocabulary vocab) {
        String[] p = spec.split(":", -1);
        switch (p[0]) {
            case "mlm" -> {
                if (p.length != 3) throw new IllegalArgumentException("--target mlm needs mlm:POSITION:TOKEN, got '" + spec + "'");
                int pos;
                if (p[1].equals("mask")) {
                    pos = Arrays.stream(enc.ids()).boxed().toList().indexOf(vocab.maskId());
                    if (pos < 0) throw new IllegalArgumentException("--target mlm:mask but the input has no [MASK]: " + enc.words());
                } else {
                    pos = parseInt(p[1], "position", spec);
                    if (pos < 0 || pos >= enc.length()) {
                        throw new IllegalArgumentException("--target position " + pos + " outside the input's " + enc.length() + " pieces");
                    }
                }
                int id = p[2].matches("\\d+") ? Integer.parseInt(p[2]) : vocab.find(p[2]).orElseThrow(() ->
                        new IllegalArgumentException("--target token '" + p[2] + "' is not in the vocabulary"));
                if (id >= vocab.size()) throw new IllegalArgumentException("--target token id " + id + " outside the vocabulary of " + vocab.size());
                return Target.maskedLm(pos, id);
            }
            case "class" -> {
                if (p.length != 2) throw new IllegalArgumentException("--target class needs class:K, got '" + spec + "'");
                return Target.classLogit(parseInt(p[1], "class", spec));
            }
            case "qa-start" -> { return Target.qaStart(); }
            case "qa-end" -> { return Target.qaEnd(); }
            default -> throw new IllegalArgumentException("unknown --target '" + spec + "'; use mlm:POSITION:TOKEN, class:K, qa-start or qa-end");
        }
    }

    static Reference parseReference(String r) {
        return switch (r) {
            case "pad" -> Reference.pad();
            case "mask" -> Reference.mask();
            case "zero" -> Reference.zeroEmbedding();
            default -> throw new IllegalArgumentException("unknown --reference '" + r + "'; use pad, mask or zero");
        };
    }

    private static int parseInt(String s, String what, String spec) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--target " + what + " '" + s + "' is not a number in '" + spec + "'");
        }
    }

    /** Writes scores.npy, tokens.json, deeplift.json and deeplift.png; returns the files. */
    static List<Path> write(Attribution a, Encoding enc, Path out) throws IOException {
        Files.createDirectories(out);
        List<Path> files = new ArrayList<>();
        double[][] s = a.layerScores();
        int rows = s.length, t = s[0].length;
        float[] flat = new float[rows * t];
        for (int n = 0; n < rows; n++) for (int j = 0; j < t; j++) flat[n * t + j] = (float) s[n][j];
        Path npy = out.resolve("scores.npy");
        Npy.writeFloat32(npy, new long[]{rows, t}, flat);
        files.add(npy);
        Path tok = out.resolve("tokens.json");
        Json.write(tok, TokenizeCommand.toJson(enc));
        files.add(tok);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("target", a.target().toString());
        j.put("target_input", a.targetInput());
        j.put("target_reference", a.targetReference());
        j.put("delta", a.delta());
        j.put("residual", a.residual());
        j.put("relative_residual", a.relativeResidual());
        j.put("layer_residuals", a.layerResiduals());
        j.put("token_scores", a.tokenScores());
        j.put("layer_scores_rows", "row 0 = input word embeddings, row n = output of layer n (h_n)");
        Path json = out.resolve("deeplift.json");
        Json.write(json, j);
        files.add(json);
        List<String> rowLabels = new ArrayList<>();
        rowLabels.add("embeddings");
        for (int n = 1; n < rows; n++) rowLabels.add("layer " + n);
        Path png = out.resolve("deeplift.png");
        Plots.save(Plots.heatmap("DeepLIFT of " + a.target() + ", delta " + String.format("%.3f", a.delta()),
                s, rowLabels, Arrays.asList(enc.pieces()), "token", "layer", true), png);
        files.add(png);
        return files;
    }
}
