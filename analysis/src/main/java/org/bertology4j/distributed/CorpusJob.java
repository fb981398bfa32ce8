package org.bertology4j.distributed;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a distributed corpus run does: which analysis, on which corpus, with which model and options. Plain strings
 * and numbers only, so it serialises cheaply to every task; paths must be visible at the same place on every
 * executor (a shared file system, or any Hadoop file system URI for the corpus).
 *
 * @param corpus     corpus file (a local path, or a URI such as {@code hdfs://...} for Spark)
 * @param format     CoNLL-U or text
 * @param analysis   analysis name, see {@link CorpusAnalyses}
 * @param model      model directory (config.json + model.safetensors + vocab.txt)
 * @param lenient    skip (and count) malformed CoNLL-U sentences instead of failing
 * @param maxPieces  longest input in word pieces (the analysis's default already applied)
 * @param limit      only the first {@code limit} units, sentences or documents per {@link CorpusAnalysis#limitUnit()}
 *                   ({@code -1}: all)
 * @param partitions number of slices ({@code 0}: the runner chooses, e.g. twice its parallelism)
 * @param options    the analysis's own settings by name (e.g. {@code every} and {@code measure} of {@code flow});
 *                   each analysis documents its keys and defaults
 * @param <A>        the analysis's accumulator type
 */
public record CorpusJob<A>(String corpus, CorpusFormat format, String analysis, String model, boolean lenient,
                           int maxPieces, long limit, int partitions, Map<String, String> options) implements Serializable {

    public CorpusJob {
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(model, "model");
        CorpusAnalysis<?> a = CorpusAnalyses.named(analysis);
        if (format == CorpusFormat.TEXT && a.needsAnnotation()) {
            throw new IllegalArgumentException(analysis + " needs gold annotation: give a CoNLL-U corpus, not text");
        }
        if (maxPieces < 3) throw new IllegalArgumentException("maxPieces must be at least 3 (got " + maxPieces + ")");
        if (limit < -1) throw new IllegalArgumentException("limit must be -1 (all) or at least 0 (got " + limit + ")");
        if (partitions < 0) throw new IllegalArgumentException("partitions must be 0 (automatic) or positive (got " + partitions + ")");
        options = Map.copyOf(options == null ? Map.of() : options); // immutable and serialisable
    }

    /** A job for {@code analysis}, typed by its accumulator. */
    public static <A> CorpusJob<A> of(CorpusAnalysis<A> analysis, String corpus, CorpusFormat format, String model,
                                      boolean lenient, int maxPieces, long limit, int partitions) {
        return new CorpusJob<>(corpus, format, analysis.name(), model, lenient, maxPieces, limit, partitions, Map.of());
    }

    /**
     * A job with the defaults of the command line: a CoNLL-U file, strict reading, the analysis's default piece
     * limit ({@link CorpusAnalysis#defaultMaxPieces()}), the whole corpus, automatic partitions.
     */
    public static <A> CorpusJob<A> of(CorpusAnalysis<A> analysis, Path corpus, Path modelDirectory) {
        return of(analysis, corpus.toAbsolutePath().normalize().toString(), CorpusFormat.CONLLU,
                modelDirectory.toAbsolutePath().normalize().toString(), false, analysis.defaultMaxPieces(), -1, 0);
    }

    /** The same job over only the first {@code n} units ({@link CorpusAnalysis#limitUnit()}; {@code -1}: all). */
    public CorpusJob<A> withLimit(long n) {
        return new CorpusJob<>(corpus, format, analysis, model, lenient, maxPieces, n, partitions, options);
    }

    /** The same job with another longest input in word pieces. */
    public CorpusJob<A> withMaxPieces(int n) {
        return new CorpusJob<>(corpus, format, analysis, model, lenient, n, limit, partitions, options);
    }

    /** The same job skipping (and counting) malformed CoNLL-U sentences, or failing on them. */
    public CorpusJob<A> withLenient(boolean skipMalformed) {
        return new CorpusJob<>(corpus, format, analysis, model, skipMalformed, maxPieces, limit, partitions, options);
    }

    /** The same job with the analysis option {@code key} set to {@code value}. */
    public CorpusJob<A> withOption(String key, Object value) {
        Map<String, String> o = new java.util.HashMap<>(options);
        o.put(key, String.valueOf(value));
        return new CorpusJob<>(corpus, format, analysis, model, lenient, maxPieces, limit, partitions, o);
    }

    /** The analysis option {@code key}, or {@code defaultValue} when the job does not set it. */
    public String option(String key, String defaultValue) { return options.getOrDefault(key, defaultValue); }

    /** The analysis this job runs. */
    @SuppressWarnings("unchecked")
    public CorpusAnalysis<A> kind() { return (CorpusAnalysis<A>) CorpusAnalyses.named(analysis); }

    /** The same job with another number of partitions. */
    public CorpusJob<A> withPartitions(int n) {
        return new CorpusJob<>(corpus, format, analysis, model, lenient, maxPieces, limit, n, options);
    }
}
