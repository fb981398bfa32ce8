package org.bertology4j.analysis.attribution;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.io.JsonFiles;
import org.bertology4j.io.Npy;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.tokenizer.EncodingJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The attention-based attributions of one input, computed from one forward pass and written as files: attention
 * rollout after every layer, attention flow after the top layer, norm-based attention per layer (what
 * {@code ./bertology4j attribute} writes). Each map is [output token][input token] over the input's tokens.
 */
public final class AttentionAttribution {
    /** The methods, by the names the CLI and the files use. */
    public enum Method { ROLLOUT, FLOW, VALUE_NORM;
        /** The file and option name: rollout, flow, value-norm. */
        public String fileName() { return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }
    }

    private final Encoding encoding;
    private final List<Method> methods;
    private final double[][][] rollout, flow, valueNorm;

    private AttentionAttribution(Encoding encoding, List<Method> methods, double[][][] rollout, double[][][] flow,
                                 double[][][] valueNorm) {
        this.encoding = encoding;
        this.methods = List.copyOf(methods);
        this.rollout = rollout;
        this.flow = flow;
        this.valueNorm = valueNorm;
    }

    /** Computes {@code methods} for one encoded input (flow costs T² max-flows: seconds for a sentence). */
    public static AttentionAttribution compute(BertModel model, Encoding encoding, List<Method> methods) {
        if (methods.isEmpty()) throw new IllegalArgumentException("no method asked for");
        ForwardTrace trace = model.forward(BertInput.of(encoding), TraceOptions.builder().keepAttention().keepHiddenStates().build());
        int t = encoding.length();
        ResidualAttention a = ResidualAttention.of(trace, 0, t);
        double[][][] rollout = null, flow = null, norms = null;
        if (methods.contains(Method.ROLLOUT)) rollout = AttentionRollout.of(a).everyLayer();
        if (methods.contains(Method.FLOW)) flow = new double[][][]{AttentionFlow.of(a).map()};
        if (methods.contains(Method.VALUE_NORM)) norms = ValueNormAttention.of(model, trace, 0, t);
        return new AttentionAttribution(encoding, methods, rollout, flow, norms);
    }

    /** Rollout after each layer [L][T][T], or null when not computed. */
    public double[][][] rollout() { return rollout; }

    /** Flow into the top layer [1][T][T], or null. */
    public double[][][] flow() { return flow; }

    /** Norm-based attention per layer [L][T][T], or null. */
    public double[][][] valueNorm() { return valueNorm; }

    /** Writes {@code METHOD.npy} (float32 [maps, T, T]) per method, tokens.json and attribution.json; returns the files. */
    public List<Path> write(Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        List<Object> files = writeMethods(dir, written);
        written.addAll(writeIndex(dir, encoding, files));
        return written;
    }

    /** Writes {@code METHOD.npy} per method into {@code dir}; returns their attribution.json entries, adds the files to {@code written}. */
    public List<Object> writeMethods(Path dir, List<Path> written) throws IOException {
        Files.createDirectories(dir);
        List<Object> files = new ArrayList<>();
        for (Method m : methods) {
            double[][][] maps = m == Method.ROLLOUT ? rollout : m == Method.FLOW ? flow : valueNorm;
            Path f = dir.resolve(m.fileName() + ".npy");
            Npy.writeFloat32(f, new long[]{maps.length, encoding.length(), encoding.length()}, flatten(maps));
            written.add(f);
            files.add(JsonFiles.object("method", m.fileName(), "file", f.getFileName().toString(), "maps", maps.length,
                    "definition", definition(m)));
        }
        return files;
    }

    /**
     * Writes {@code tokens.json} and {@code attribution.json} (the methods' entries: attention maps are
     * [map][output token][input token], token scores say their own entry) into {@code dir}; returns the two files.
     */
    public static List<Path> writeIndex(Path dir, Encoding encoding, List<Object> entries) throws IOException {
        Path tokens = dir.resolve("tokens.json");
        JsonFiles.write(tokens, EncodingJson.of(encoding));
        Path index = dir.resolve("attribution.json");
        JsonFiles.write(index, JsonFiles.object("entry", "[map][output token][input token]", "files", entries));
        return List.of(tokens, index);
    }

    private static String definition(Method m) {
        return switch (m) {
            case ROLLOUT -> "attention rollout after each layer (Abnar and Zuidema 2020): product of 0.5 A + 0.5 I, heads averaged";
            case FLOW -> "attention flow into the top layer (Abnar and Zuidema 2020): max-flow through capacities 0.5 A + 0.5 I";
            case VALUE_NORM -> "norm-based attention per layer (Kobayashi et al. 2020): || sum_h alpha_h f_h(x_j) ||";
        };
    }

    private static float[] flatten(double[][][] maps) {
        int t = maps[0].length;
        float[] out = new float[maps.length * t * t];
        int k = 0;
        for (double[][] m : maps) for (double[] row : m) for (double v : row) out[k++] = (float) v;
        return out;
    }
}
