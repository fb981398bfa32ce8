package org.bertology4j.analysis.attention;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.io.JsonFiles;
import org.bertology4j.io.Npy;
import org.bertology4j.plot.Plots;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.tokenizer.EncodingJson;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Attention maps and hidden states of one input, and their files:
 *
 * <pre>{@code
 * AttentionResult r = AttentionResult.compute(model, tokenizer.encode("The cat sat on the mat."));
 * r.write(Path.of("out"), true);   // attention.npy, hidden.npy, tokens.json, attention-layerNN.png
 * }</pre>
 *
 * @param encoding  the input
 * @param attention {@code [layer][head][from][to]} (rows = attending piece)
 * @param hidden    {@code [n][t * hiddenSize + k]}: h_0 (the embeddings) to h_L, each a C-order [T, hidden] block
 */
public record AttentionResult(Encoding encoding, float[][][][] attention, float[][] hidden) {

    /** One forward pass of {@code model} over {@code encoding}, keeping attention and hidden states. */
    public static AttentionResult compute(BertModel model, Encoding encoding) {
        ForwardTrace trace = model.forward(BertInput.of(encoding),
                TraceOptions.builder().keepAttention().keepHiddenStates().build());
        int layers = trace.numLayers(), size = encoding.length() * model.config().hiddenSize();
        float[][] hidden = new float[layers + 1][];
        for (int n = 0; n <= layers; n++) {
            float[] hn = trace.hidden(n).get(NDArrayIndex.point(0)).dup('c').castTo(DataType.FLOAT).data().asFloat();
            hidden[n] = Arrays.copyOf(hn, size);
        }
        return new AttentionResult(encoding, AttentionMaps.of(trace, 0), hidden);
    }

    /** Number of layers L. */
    public int layers() { return attention.length; }

    /** Width of a hidden state. */
    public int hiddenSize() { return hidden[0].length / encoding.length(); }

    /**
     * Writes {@code attention.npy} (float32 [L, heads, T, T]), {@code hidden.npy} (float32 [L+1, T, hidden]),
     * {@code tokens.json} ({@link EncodingJson}) and, with {@code plots}, one PNG per layer with its heads tiled.
     *
     * @return the files written, in that order
     */
    public List<Path> write(Path dir, boolean plots) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        int layers = attention.length, heads = attention[0].length, t = encoding.length(), width = hiddenSize();
        float[] flat = new float[layers * heads * t * t];
        int k = 0;
        for (float[][][] l : attention) for (float[][] h : l) for (float[] row : h) for (float v : row) flat[k++] = v;
        written.add(npy(dir.resolve("attention.npy"), new long[]{layers, heads, t, t}, flat));

        float[] hid = new float[(layers + 1) * t * width];
        for (int n = 0; n <= layers; n++) System.arraycopy(hidden[n], 0, hid, n * t * width, t * width);
        written.add(npy(dir.resolve("hidden.npy"), new long[]{layers + 1, t, width}, hid));

        Path tokens = dir.resolve("tokens.json");
        JsonFiles.write(tokens, EncodingJson.of(encoding));
        written.add(tokens);

        if (plots) {
            List<String> pieces = Arrays.asList(encoding.pieces());
            for (int l = 0; l < layers; l++) {
                List<double[][]> maps = new ArrayList<>();
                List<String> titles = new ArrayList<>();
                for (int h = 0; h < heads; h++) {
                    maps.add(toDouble(attention[l][h]));
                    titles.add("head " + (l + 1) + "-" + (h + 1));
                }
                Path png = dir.resolve(String.format("attention-layer%02d.png", l + 1));
                Plots.heatmapGrid(png, maps, titles, pieces, 4, false);
                written.add(png);
            }
        }
        return written;
    }

    private static double[][] toDouble(float[][] m) {
        double[][] d = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            d[i] = new double[m[i].length];
            for (int j = 0; j < m[i].length; j++) d[i][j] = m[i][j];
        }
        return d;
    }

    private static Path npy(Path file, long[] shape, float[] data) throws IOException {
        Npy.writeFloat32(file, shape, data);
        return file;
    }
}
