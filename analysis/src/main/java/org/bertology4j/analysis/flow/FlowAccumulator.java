package org.bertology4j.analysis.flow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;

/**
 * All information-flow statistics of a corpus pass, mergeable across shards and saved as JSON for resuming.
 * {@link #sentencesSeen()} counts every sentence consumed from the corpus stream (analysed or skipped), so a
 * resumed run continues after them.
 */
public final class FlowAccumulator {
    static final ObjectMapper JSON = new ObjectMapper();

    // the JSON state: these fields under their names, restored by the @JsonCreator constructor
    @JsonProperty private final int layers;
    @JsonProperty private long sentencesSeen;
    @JsonProperty private long skipped;
    @JsonProperty private final CorefFlowAccumulator coref;
    @JsonProperty private final PosFlowAccumulator pos;
    @JsonProperty private final DependencyFlowAccumulator deps;
    @JsonProperty private final AttentionGradientCorrelation correlation;

    /** Empty accumulator for a model with {@code layers} layers. */
    public FlowAccumulator(int layers) {
        this(layers, 0, 0, new CorefFlowAccumulator(layers), new PosFlowAccumulator(layers),
                new DependencyFlowAccumulator(layers), new AttentionGradientCorrelation());
    }

    @JsonCreator
    FlowAccumulator(@JsonProperty("layers") int layers, @JsonProperty("sentencesSeen") long sentencesSeen,
                    @JsonProperty("skipped") long skipped, @JsonProperty("coref") CorefFlowAccumulator coref,
                    @JsonProperty("pos") PosFlowAccumulator pos, @JsonProperty("deps") DependencyFlowAccumulator deps,
                    @JsonProperty("correlation") AttentionGradientCorrelation correlation) {
        if (coref == null || pos == null || deps == null || correlation == null) {
            throw new IllegalArgumentException("flow state is missing a section (coref, pos, deps, correlation)");
        }
        if (coref.layers() != layers || pos.layers() != layers || deps.layers() != layers) {
            throw new IllegalArgumentException("flow state sections disagree on the number of layers (" + layers + ")");
        }
        this.layers = layers;
        this.sentencesSeen = sentencesSeen;
        this.skipped = skipped;
        this.coref = coref;
        this.pos = pos;
        this.deps = deps;
        this.correlation = correlation;
    }

    /** Key identifying a sentence in stored items: its sent_id, else document id and first line. */
    public static String sentenceKey(Sentence s) {
        return s.sentId() != null ? s.sentId() : s.documentId() + "@" + s.firstLine();
    }

    /**
     * Adds one sentence's maps to every analysis.
     *
     * @throws IllegalArgumentException when the maps do not match the sentence (word count) or the layer count
     */
    public void add(Sentence s, FlowMaps maps) {
        String key = sentenceKey(s);
        if (maps.size() != s.size()) {
            throw new IllegalArgumentException("sentence " + key + " (line " + s.firstLine() + ") has " + s.size()
                    + " words but its flow maps have " + maps.size());
        }
        if (maps.layers() != layers) {
            throw new IllegalArgumentException("sentence " + key + ": flow maps have " + maps.layers() + " layers, expected " + layers);
        }
        coref.add(key, s, maps);
        pos.add(s, maps);
        deps.add(s, maps);
        correlation.add(maps);
        sentencesSeen++;
    }

    /** Records a sentence consumed but not analysed (the source returned no maps). */
    public void skip() {
        sentencesSeen++;
        skipped++;
    }

    /** Merges a shard that followed this one in the corpus. */
    public void merge(FlowAccumulator o) {
        if (o.layers != layers) throw new IllegalArgumentException("cannot merge flow shards with " + layers + " and " + o.layers + " layers");
        coref.merge(o.coref);
        pos.merge(o.pos);
        deps.merge(o.deps);
        correlation.merge(o.correlation);
        sentencesSeen += o.sentencesSeen;
        skipped += o.skipped;
    }

    /** Number of layers. */
    public int layers() { return layers; }

    /** Sentences consumed (analysed + skipped). */
    public long sentencesSeen() { return sentencesSeen; }

    /** Sentences skipped because the source gave no maps. */
    public long skipped() { return skipped; }

    /** The parts: noun-pronoun pairs, parts of speech, dependency distance, attention-gradient correlation. */
    public CorefFlowAccumulator coref() { return coref; }
    public PosFlowAccumulator pos() { return pos; }
    public DependencyFlowAccumulator deps() { return deps; }
    public AttentionGradientCorrelation correlation() { return correlation; }

    /** All results; {@code seed} drives the balanced coreference subsample. */
    public FlowReport report(long seed) {
        CorefFlowResult c = coref.result(seed);
        PosFlowResult p = pos.result();
        return new FlowReport(layers, sentencesSeen, skipped, c, p, deps.result(), correlation.result(),
                FlowFindings.of(c.all(), p.openVsClosed()));
    }

    /** The state as JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize flow state", e);
        }
    }

    /** Restores a state written by {@link #toJson()}. */
    public static FlowAccumulator fromJson(String json) {
        try {
            return JSON.readValue(json, FlowAccumulator.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid flow state JSON: " + e.getMessage(), e);
        }
    }

    /** Writes the state atomically. */
    public void save(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }

    /** Reads a state file; the error names the file. */
    public static FlowAccumulator load(Path file) throws IOException {
        try {
            return fromJson(java.nio.file.Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
