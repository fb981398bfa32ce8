package org.bertology4j.analysis.flow;

import org.bertology4j.core.flow.JacobianNorms;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.io.JsonFiles;
import org.bertology4j.io.Npy;
import org.bertology4j.plot.Plots;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.tokenizer.EncodingJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Information flow between the pieces of one input (A_n, G_n and G*_n of every piece pair, from core's
 * {@link JacobianNorms}), and its files:
 *
 * <pre>{@code
 * PieceFlowResult r = PieceFlowResult.compute(model, tokenizer.encode("The cat sat."), JacobianNorms.Measure.ONES_VJP);
 * r.write(Path.of("out"), true);   // A.npy, G.npy, Gstar.npy, their figures, tokens.json
 * }</pre>
 * {@link FlowMaps} is the word-level form the corpus study uses.
 *
 * @param encoding the input
 * @param maps     entry {@code [n][t2][t1]} = flow from piece t1 into piece t2 at layer n+1
 */
public record PieceFlowResult(Encoding encoding, JacobianNorms.Maps maps) {
    private static final String[] NAMES = {"A", "G", "Gstar"};

    /** A_n, G_n and G*_n of {@code encoding}, G and G* by {@code measure}. */
    public static PieceFlowResult compute(BertModel model, Encoding encoding, JacobianNorms.Measure measure) {
        return new PieceFlowResult(encoding, new JacobianNorms(model).compute(BertInput.of(encoding), measure));
    }

    /**
     * Writes {@code A.npy}, {@code G.npy} and {@code Gstar.npy} (float32 [L, T, T]), with {@code plots} one heatmap
     * grid per measure ({@code A.png}, ...), and {@code tokens.json} into {@code dir}.
     *
     * @return the files written, in that order
     */
    public List<Path> write(Path dir, boolean plots) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        double[][][][] all = {maps.attention(), maps.gradient(), maps.gradientFromEmbeddings()};
        for (int k = 0; k < 3; k++) {
            double[][][] a = all[k];
            int layers = a.length, t = a[0].length;
            float[] flat = new float[layers * t * t];
            int i = 0;
            for (double[][] l : a) for (double[] row : l) for (double v : row) flat[i++] = (float) v;
            Path npy = dir.resolve(NAMES[k] + ".npy");
            Npy.writeFloat32(npy, new long[]{layers, t, t}, flat);
            files.add(npy);
            if (plots) {
                List<double[][]> tiles = new ArrayList<>(Arrays.asList(a));
                List<String> titles = new ArrayList<>();
                for (int n = 0; n < layers; n++) titles.add(NAMES[k] + " layer " + (n + 1));
                Path png = dir.resolve(NAMES[k] + ".png");
                Plots.heatmapGrid(png, tiles, titles, Arrays.asList(encoding.pieces()), 4, false);
                files.add(png);
            }
        }
        Path tok = dir.resolve("tokens.json");
        JsonFiles.write(tok, EncodingJson.of(encoding));
        files.add(tok);
        return files;
    }

    /** G_n (or G*_n with {@code fromEmbeddings}) in float32, as the viewer shows it. */
    public float[][][] gradientFloat(boolean fromEmbeddings) {
        double[][][] a = fromEmbeddings ? maps.gradientFromEmbeddings() : maps.gradient();
        float[][][] f = new float[a.length][][];
        for (int n = 0; n < a.length; n++) {
            f[n] = new float[a[n].length][];
            for (int i = 0; i < a[n].length; i++) {
                f[n][i] = new float[a[n][i].length];
                for (int j = 0; j < a[n][i].length; j++) f[n][i][j] = (float) a[n][i][j];
            }
        }
        return f;
    }
}
