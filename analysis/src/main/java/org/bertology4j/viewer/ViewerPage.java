package org.bertology4j.viewer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.bertology4j.io.AtomicFiles;

/**
 * Writes the interactive viewer: ONE self-contained HTML file (data, script and CSS embedded; no network, no CDN)
 * with the head view, the model view, the gradient flows G / G*, attention rollout, attention flow, norm-based attention
 * and DeepLIFT token colouring of a {@link ViewerData}.
 *
 * <p>Matrices are embedded as float32 (exact) up to {@link EncodingOptions#denseMaxTokens()} pieces; beyond that
 * as per-row 8-bit quantized, sparsified rows (see {@link MatrixCodec}) so that 512 pieces x 144 heads stays in the
 * tens of megabytes instead of 150 MB.
 */
public final class ViewerPage {
    private static final String RESOURCE_DIR = "/org/bertology4j/viewer/";
    private static final String DATA_MARKER = "{{DATA}}";

    /**
     * How matrices are embedded.
     *
     * @param denseMaxTokens up to this many pieces, matrices are stored exactly as float32
     * @param relThreshold   beyond it, entries below this fraction of their row maximum are dropped
     * @param maxPerRow      beyond it, at most this many (largest) entries per row are kept
     */
    public record EncodingOptions(int denseMaxTokens, float relThreshold, int maxPerRow) {
        /** 128 pieces dense; beyond: drop below 1% of the row maximum, keep at most 64 per row. */
        public static final EncodingOptions DEFAULT = new EncodingOptions(128, 0.01f, 64);

        public EncodingOptions {
            if (denseMaxTokens < 0) throw new IllegalArgumentException("denseMaxTokens must be >= 0: " + denseMaxTokens);
            if (!(relThreshold >= 0f && relThreshold < 1f)) throw new IllegalArgumentException("relThreshold must be in [0, 1): " + relThreshold);
            if (maxPerRow < 1) throw new IllegalArgumentException("maxPerRow must be >= 1: " + maxPerRow);
        }

        /** The encoding used for an input of {@code tokens} pieces. */
        public MatrixCodec.Kind kindFor(int tokens) {
            return tokens <= denseMaxTokens ? MatrixCodec.Kind.DENSE_F32 : MatrixCodec.Kind.SPARSE_U8;
        }
    }

    private ViewerPage() {}

    /** Writes the page for {@code data} to {@code html} atomically, with the default encoding. */
    public static void write(Path html, ViewerData data) throws IOException {
        write(html, data, EncodingOptions.DEFAULT);
    }

    /** Writes the page for {@code data} to {@code html} atomically. */
    public static void write(Path html, ViewerData data, EncodingOptions options) throws IOException {
        String template = resource("viewer.html");
        String css = resource("viewer.css");
        String js = resource("viewer.js");
        if (js.contains("</script") || css.contains("</style")) {
            throw new IllegalStateException("viewer resources must not contain </script or </style");
        }
        int at = template.indexOf(DATA_MARKER);
        if (at < 0) throw new IllegalStateException("viewer.html has no " + DATA_MARKER + " marker");
        String title = "bertology4j viewer" + (data.modelName().isEmpty() ? "" : " - " + data.modelName());
        String head = template.substring(0, at).replace("{{TITLE}}", escapeHtml(title)).replace("{{CSS}}", css);
        String tail = template.substring(at + DATA_MARKER.length()).replace("{{SCRIPT}}", js);
        AtomicFiles.write(html, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            w.write(head);
            writeJson(w, data, options);
            w.write(tail);
            w.flush();
        });
    }

    /** Streams the page's data as JSON; '<', '>' and '&' are escaped so the JSON can sit inside a script element. */
    static void writeJson(Writer w, ViewerData data, EncodingOptions options) throws IOException {
        JsonFactory factory = new JsonFactory();
        factory.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        try (JsonGenerator g = factory.createGenerator(w)) {
            g.setCharacterEscapes(new HtmlSafeEscapes());
            int t = data.tokenCount();
            MatrixCodec.Kind kind = options.kindFor(t);
            g.writeStartObject();
            g.writeNumberField("format", 1);
            g.writeObjectFieldStart("model");
            g.writeStringField("name", data.modelName());
            g.writeStringField("hash", data.modelHash());
            g.writeEndObject();
            g.writeObjectFieldStart("settings");
            for (Map.Entry<String, String> e : data.settings().entrySet()) g.writeStringField(e.getKey(), e.getValue());
            g.writeEndObject();
            g.writeArrayFieldStart("tokens");
            for (String s : data.tokens()) g.writeString(s);
            g.writeEndArray();
            writeInts(g, "wordIndex", data.wordIndex());
            g.writeArrayFieldStart("words");
            for (String s : data.words()) g.writeString(s);
            g.writeEndArray();
            writeInts(g, "segments", data.segmentIds());
            g.writeNumberField("layers", data.layerCount());
            g.writeObjectFieldStart("encoding");
            g.writeStringField("kind", kind.id());
            g.writeNumberField("relThreshold", options.relThreshold());
            g.writeNumberField("maxPerRow", options.maxPerRow());
            g.writeEndObject();
            g.writeArrayFieldStart("measures");
            // The order is the selector's (#b4j-measure option values are indices): new measures go last.
            writeMeasure(g, Measure.ATTENTION, data.attention(), kind, options);
            if (data.gradientFlow() != null) writeMeasure(g, Measure.G, perLayerMap(data.gradientFlow()), kind, options);
            if (data.gradientFlowFromInput() != null) {
                writeMeasure(g, Measure.G_STAR, perLayerMap(data.gradientFlowFromInput()), kind, options);
            }
            if (data.rollout() != null) writeMeasure(g, Measure.ROLLOUT, perLayerMap(data.rollout()), kind, options);
            if (data.attentionFlow() != null) writeMeasure(g, Measure.FLOW, perLayerMap(data.attentionFlow()), kind, options);
            if (data.valueNorm() != null) writeMeasure(g, Measure.VALUE_NORM, data.valueNorm(), kind, options);
            if (data.valueNormMixed() != null) {
                writeMeasure(g, Measure.VALUE_NORM_MIXED, perLayerMap(data.valueNormMixed()), kind, options);
            }
            g.writeEndArray();
            if (data.deepLift() != null) {
                g.writeArrayFieldStart("deeplift");
                for (float[] row : data.deepLift()) {
                    g.writeStartArray();
                    for (float v : row) g.writeNumber(v);
                    g.writeEndArray();
                }
                g.writeEndArray();
            } else {
                g.writeNullField("deeplift");
            }
            g.writeArrayFieldStart("scores");
            for (Map.Entry<String, ViewerData.ScoreSet> e : data.scoreSets().entrySet()) {
                g.writeStartObject();
                g.writeStringField("id", e.getKey());
                g.writeStringField("label", e.getValue().label());
                g.writeArrayFieldStart("rowLabels");
                for (String l : e.getValue().rowLabels()) g.writeString(l);
                g.writeEndArray();
                g.writeArrayFieldStart("rows");
                for (float[] row : e.getValue().rows()) {
                    g.writeStartArray();
                    for (float v : row) g.writeNumber(v);
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** A flow [L][T][T] seen as [L][1 map][T][T], so all measures share one shape. */
    private static float[][][][] perLayerMap(float[][][] flow) {
        float[][][][] out = new float[flow.length][][][];
        for (int l = 0; l < flow.length; l++) out[l] = new float[][][] {flow[l]};
        return out;
    }

    /**
     * A measure of the page's selector: its id ({@code data-measure}), label, the short name of one map, what its rows
     * and columns are, and whether the page scales each map by its maximum (unbounded norms) or shows it as is ([0, 1]).
     */
    private enum Measure {
        ATTENTION("attention", "Attention", "", "attending", "attended", false),
        G("g", "G (gradient flow h[n-1] \u2192 h[n])", "G", "receiving t2", "source t1", true),
        G_STAR("gstar", "G* (gradient flow h[0] \u2192 h[n])", "G*", "receiving t2", "source t1", true),
        ROLLOUT("rollout", "Attention rollout (input \u2192 layer n)", "rollout", "token after layer", "input token", false),
        FLOW("flow", "Attention flow (input \u2192 layer n)", "flow", "token after layer", "input token", false),
        VALUE_NORM("value-norm", "Value-norm \u2016\u03b1f(x)\u2016 per head", "", "attending", "attended", true),
        VALUE_NORM_MIXED("value-norm-mixed", "Value-norm \u2016\u03a3\u2095\u03b1f(x)\u2016 (heads mixed)", "\u2016\u03a3\u03b1f\u2016",
                "attending", "attended", true);

        final String id, label, shortLabel, rows, columns;
        final boolean normalise;

        Measure(String id, String label, String shortLabel, String rows, String columns, boolean normalise) {
            this.id = id;
            this.label = label;
            this.shortLabel = shortLabel;
            this.rows = rows;
            this.columns = columns;
            this.normalise = normalise;
        }
    }

    private static void writeMeasure(JsonGenerator g, Measure measure, float[][][][] maps, MatrixCodec.Kind kind,
                                     EncodingOptions options) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", measure.id);
        g.writeStringField("label", measure.label);
        g.writeStringField("short", measure.shortLabel);
        g.writeStringField("rows", measure.rows);
        g.writeStringField("columns", measure.columns);
        g.writeNumberField("heads", maps[0].length);
        // Norms are unbounded: the page scales each displayed map by its maximum.
        g.writeBooleanField("normalise", measure.normalise);
        g.writeArrayFieldStart("maps");
        for (float[][][] layer : maps) {
            g.writeStartArray();
            for (float[][] m : layer) {
                g.writeString(kind == MatrixCodec.Kind.DENSE_F32
                        ? MatrixCodec.encodeDense(m)
                        : MatrixCodec.encodeSparse(m, options.relThreshold(), options.maxPerRow()));
            }
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeInts(JsonGenerator g, String field, int[] values) throws IOException {
        g.writeArrayFieldStart(field);
        for (int v : values) g.writeNumber(v);
        g.writeEndArray();
    }

    private static String resource(String name) {
        try (InputStream in = ViewerPage.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) throw new IllegalStateException("viewer resource missing from the class path: " + RESOURCE_DIR + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read viewer resource " + RESOURCE_DIR + name, e);
        }
    }

    static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Escapes the characters that could end or confuse an HTML script element. */
    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private final int[] table;

        HtmlSafeEscapes() {
            table = standardAsciiEscapesForJSON();
            table['<'] = ESCAPE_STANDARD;
            table['>'] = ESCAPE_STANDARD;
            table['&'] = ESCAPE_STANDARD;
        }

        @Override public int[] getEscapeCodesForAscii() { return table; }

        @Override public SerializableString getEscapeSequence(int ch) { return null; }
    }
}
