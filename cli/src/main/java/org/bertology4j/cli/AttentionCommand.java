package org.bertology4j.cli;

import org.bertology4j.analysis.attention.AttentionMaps;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.io.Npy;
import org.bertology4j.plot.Plots;
import org.bertology4j.tokenizer.Encoding;
import org.nd4j.linalg.api.buffer.DataType;
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

/** {@code attention}: attention maps and hidden states of one input as .npy files plus per-layer heatmaps. */
@Command(name = "attention", description = "Write attention.npy [layers, heads, T, T] (rows = attending token), "
        + "hidden.npy [layers+1, T, hidden], tokens.json and one PNG per layer (heads tiled).")
public final class AttentionCommand implements Callable<Integer> {
    @Mixin
    ModelInput modelInput;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--no-plots", description = "Skip the PNG heatmaps.")
    boolean noPlots;

    @Override
    public Integer call() throws IOException {
        LoadedModel m = modelInput.open();
        List<Path> written = write(m, modelInput.input.text, modelInput.input.pair, out, !noPlots);
        written.forEach(p -> System.out.println("wrote " + p));
        return 0;
    }

    /** Runs the model on one input and writes everything; returns the files written. */
    static List<Path> write(LoadedModel m, String text, String pair, Path out, boolean plots) throws IOException {
        Encoding enc = InputText.encode(m.tokenizer(), text, pair);
        ForwardTrace trace = m.model().forward(BertInput.of(enc),
                TraceOptions.builder().keepAttention().keepHiddenStates().build());
        Files.createDirectories(out);
        List<Path> written = new ArrayList<>();
        float[][][][] att = AttentionMaps.of(trace, 0);
        int layers = att.length, heads = att[0].length, t = enc.length();
        int hidden = m.model().config().hiddenSize();
        float[] flat = new float[layers * heads * t * t];
        int k = 0;
        for (float[][][] l : att) for (float[][] h : l) for (float[] row : h) for (float v : row) flat[k++] = v;
        Path attPath = out.resolve("attention.npy");
        Npy.writeFloat32(attPath, new long[]{layers, heads, t, t}, flat);
        written.add(attPath);

        float[] hid = new float[(layers + 1) * t * hidden];
        for (int n = 0; n <= layers; n++) {
            float[] hn = trace.hidden(n).get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).dup('c')
                    .castTo(DataType.FLOAT).data().asFloat();
            System.arraycopy(hn, 0, hid, n * t * hidden, t * hidden);
        }
        Path hidPath = out.resolve("hidden.npy");
        Npy.writeFloat32(hidPath, new long[]{layers + 1, t, hidden}, hid);
        written.add(hidPath);

        Path tokPath = out.resolve("tokens.json");
        Json.write(tokPath, TokenizeCommand.toJson(enc));
        written.add(tokPath);

        if (plots) {
            List<String> tokens = Arrays.asList(enc.pieces());
            for (int l = 0; l < layers; l++) {
                List<double[][]> maps = new ArrayList<>();
                List<String> titles = new ArrayList<>();
                for (int h = 0; h < heads; h++) {
                    maps.add(toDouble(att[l][h]));
                    titles.add("head " + (l + 1) + "-" + (h + 1));
                }
                Path png = out.resolve(String.format("attention-layer%02d.png", l + 1));
                Plots.heatmapGrid(png, maps, titles, tokens, 4, false);
                written.add(png);
            }
        }
        return written;
    }

    static double[][] toDouble(float[][] m) {
        double[][] d = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            d[i] = new double[m[i].length];
            for (int j = 0; j < m[i].length; j++) d[i][j] = m[i][j];
        }
        return d;
    }
}
