package org.bertology4j.cli;

import org.bertology4j.core.flow.JacobianNorms;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.io.Npy;
import org.bertology4j.plot.Plots;
import org.bertology4j.tokenizer.Encoding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code flow}: A_n, G_n and G*_n of every token pair of one input. */
@Command(name = "flow", description = "Information flow of one input: writes A.npy, G.npy, Gstar.npy (float32 [layers, T, T], "
        + "entry [n][t2][t1] = flow from t1 into t2 at layer n+1), tokens.json and one heatmap grid per measure.")
public final class FlowCommand implements Callable<Integer> {
    @Mixin
    ModelInput modelInput;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--frobenius", description = "G and G* as exact Frobenius norms of the Jacobian blocks instead of "
            + "the 2-norm of a ones-cotangent VJP (hidden-size times more expensive).")
    boolean frobenius;

    @Override
    public Integer call() throws IOException {
        LoadedModel m = modelInput.open();
        Encoding enc = modelInput.input.encode(m.tokenizer());
        JacobianNorms.Maps maps = compute(m, enc, frobenius);
        for (Path p : write(maps, enc, out, true)) System.out.println("wrote " + p);
        return 0;
    }

    static JacobianNorms.Maps compute(LoadedModel m, Encoding enc, boolean frobenius) {
        return new JacobianNorms(m.model()).compute(BertInput.of(enc),
                frobenius ? JacobianNorms.Measure.FROBENIUS_EXACT : JacobianNorms.Measure.ONES_VJP);
    }

    /** Writes the three arrays, tokens.json and the figures. */
    static List<Path> write(JacobianNorms.Maps maps, Encoding enc, Path out, boolean plots) throws IOException {
        Files.createDirectories(out);
        List<Path> files = new ArrayList<>();
        String[] names = {"A", "G", "Gstar"};
        double[][][][] all = {maps.attention(), maps.gradient(), maps.gradientFromEmbeddings()};
        for (int k = 0; k < 3; k++) {
            double[][][] a = all[k];
            int layers = a.length, t = a[0].length;
            float[] flat = new float[layers * t * t];
            int i = 0;
            for (double[][] l : a) for (double[] row : l) for (double v : row) flat[i++] = (float) v;
            Path npy = out.resolve(names[k] + ".npy");
            Npy.writeFloat32(npy, new long[]{layers, t, t}, flat);
            files.add(npy);
            if (plots) {
                List<double[][]> tiles = new ArrayList<>(Arrays.asList(a));
                List<String> titles = new ArrayList<>();
                for (int n = 0; n < layers; n++) titles.add(names[k] + " layer " + (n + 1));
                Path png = out.resolve(names[k] + ".png");
                Plots.heatmapGrid(png, tiles, titles, Arrays.asList(enc.pieces()), 4, false);
                files.add(png);
            }
        }
        Path tok = out.resolve("tokens.json");
        Json.write(tok, TokenizeCommand.toJson(enc));
        files.add(tok);
        return files;
    }
}
