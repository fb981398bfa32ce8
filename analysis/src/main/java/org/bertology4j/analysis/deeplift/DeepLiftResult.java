package org.bertology4j.analysis.deeplift;

import org.bertology4j.core.deeplift.Attribution;
import org.bertology4j.core.deeplift.DeepLift;
import org.bertology4j.core.deeplift.Reference;
import org.bertology4j.core.deeplift.SpecialTokens;
import org.bertology4j.core.deeplift.Target;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.io.JsonFiles;
import org.bertology4j.io.Npy;
import org.bertology4j.plot.Plots;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.tokenizer.EncodingJson;
import org.bertology4j.tokenizer.Vocabulary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact DeepLIFT of one output of one input, and its files:
 *
 * <pre>{@code
 * Encoding enc = tokenizer.encode("The capital of France is [MASK].");
 * DeepLiftResult r = DeepLiftResult.compute(model, tokenizer.vocabulary(), enc,
 *         DeepLiftTargets.parse("mlm:mask:paris", enc, tokenizer.vocabulary()), Reference.pad());
 * r.write(Path.of("out"));   // scores.npy, tokens.json, deeplift.json, deeplift.png
 * }</pre>
 *
 * @param encoding    the input
 * @param attribution core's attribution (token scores per layer, target values, completeness residuals)
 */
public record DeepLiftResult(Encoding encoding, Attribution attribution) {

    /** DeepLIFT of {@code target} against {@code reference}, with the special tokens' ids from {@code vocab}. */
    public static DeepLiftResult compute(BertModel model, Vocabulary vocab, Encoding encoding, Target target, Reference reference) {
        SpecialTokens special = new SpecialTokens(vocab.padId(), vocab.clsId(), vocab.sepId(), vocab.maskId());
        return new DeepLiftResult(encoding, new DeepLift(model, special).attribute(BertInput.of(encoding), reference, target));
    }

    /** The layer scores {@code [n][t]} (row 0 = input word embeddings, row n = h_n) in float32. */
    public float[][] layerScoresFloat() {
        double[][] s = attribution.layerScores();
        float[][] f = new float[s.length][];
        for (int n = 0; n < s.length; n++) {
            f[n] = new float[s[n].length];
            for (int j = 0; j < f[n].length; j++) f[n][j] = (float) s[n][j];
        }
        return f;
    }

    /**
     * Writes {@code scores.npy} (float32 [L+1, T]; row 0 = input word embeddings, row n = h_n), {@code tokens.json},
     * {@code deeplift.json} (target values, delta, completeness residuals, token scores) and {@code deeplift.png}
     * (with its SVG) into {@code dir}.
     *
     * @return the files written (without the SVG)
     */
    public List<Path> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        Attribution a = attribution;
        double[][] s = a.layerScores();
        int rows = s.length, t = s[0].length;
        float[] flat = new float[rows * t];
        for (int n = 0; n < rows; n++) for (int j = 0; j < t; j++) flat[n * t + j] = (float) s[n][j];
        Path npy = dir.resolve("scores.npy");
        Npy.writeFloat32(npy, new long[]{rows, t}, flat);
        files.add(npy);
        Path tok = dir.resolve("tokens.json");
        JsonFiles.write(tok, EncodingJson.of(encoding));
        files.add(tok);
        Path json = dir.resolve("deeplift.json");
        JsonFiles.write(json, JsonFiles.object("target", a.target().toString(), "target_input", a.targetInput(),
                "target_reference", a.targetReference(), "delta", a.delta(), "residual", a.residual(),
                "relative_residual", a.relativeResidual(), "layer_residuals", a.layerResiduals(),
                "token_scores", a.tokenScores(),
                "layer_scores_rows", "row 0 = input word embeddings, row n = output of layer n (h_n)"));
        files.add(json);
        List<String> rowLabels = new ArrayList<>();
        rowLabels.add("embeddings");
        for (int n = 1; n < rows; n++) rowLabels.add("layer " + n);
        Path png = dir.resolve("deeplift.png");
        Plots.save(Plots.heatmap("DeepLIFT of " + a.target() + ", delta " + String.format("%.3f", a.delta()),
                s, rowLabels, Arrays.asList(encoding.pieces()), "token", "layer", true), png);
        files.add(png);
        return files;
    }
}
