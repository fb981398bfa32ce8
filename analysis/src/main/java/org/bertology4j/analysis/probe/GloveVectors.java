package org.bertology4j.analysis.probe;

import org.bertology4j.analysis.conllu.Sentence;

import org.bertology4j.tokenizer.Utf8Lines;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * GloVe text format ({@code word v1 ... vD} per line). Lookup is by lowercased form; unknown words get zeros.
 */
public final class GloveVectors implements WordVectors {
    private final Map<String, double[]> table;
    private final int dim;

    private GloveVectors(Map<String, double[]> table, int dim) {
        this.table = table;
        this.dim = dim;
    }

    /** Reads a GloVe file; every line must have the same number of values (else an exception naming the line). */
    public static GloveVectors read(Path file) throws IOException {
        Map<String, double[]> t = new HashMap<>();
        int dim = -1;
        long no = 0;
        try (Utf8Lines r = Utf8Lines.open(file)) {
            String line;
            while ((line = r.next()) != null) {
                no++;
                if (line.isBlank()) continue;
                String[] f = line.trim().split(" ");
                if (dim < 0) dim = f.length - 1;
                if (f.length - 1 != dim || dim < 1) throw new IOException(file + ":" + no + ": expected " + dim + " values, found " + (f.length - 1));
                double[] v = new double[dim];
                try {
                    for (int i = 0; i < dim; i++) v[i] = Double.parseDouble(f[i + 1]);
                } catch (NumberFormatException e) {
                    throw new IOException(file + ":" + no + ": non-numeric value (" + e.getMessage() + ")");
                }
                t.putIfAbsent(f[0], v);
            }
        }
        if (dim < 1) throw new IOException(file + ": no vectors");
        return new GloveVectors(t, dim);
    }

    /** In-memory table (for tests). */
    public static GloveVectors of(Map<String, double[]> table, int dim) { return new GloveVectors(table, dim); }

    @Override
    public int dimension() { return dim; }

    @Override
    public double[][] vectors(Sentence s) {
        double[][] out = new double[s.size()][];
        for (int i = 0; i < s.size(); i++) {
            double[] v = table.get(s.words().get(i).form().toLowerCase());
            out[i] = v != null ? v : new double[dim];
        }
        return out;
    }
}
