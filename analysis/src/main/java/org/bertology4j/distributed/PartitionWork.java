package org.bertology4j.distributed;

import org.bertology4j.analysis.conllu.TextDocuments;
import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.weights.BertConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * The work of one partition, independent of the cluster framework: read the slice's documents from its bytes, run
 * the analysis with this JVM's model ({@link ExecutorModels}) and return the accumulator as JSON.
 */
public final class PartitionWork {
    private PartitionWork() {}

    /**
     * @param job   the run
     * @param slice which documents
     * @param bytes the slice's bytes, {@code slice.start()} to {@code slice.end()} of the corpus (closed here)
     * @return the accumulator's JSON
     */
    public static <A> String run(CorpusJob<A> job, Slice slice, InputStream bytes) {
        CorpusAnalysis<A> analysis = job.kind();
        AnalysisModel model = ExecutorModels.get(job.model());
        A acc = analysis.createFor(model.model().config(), job);
        String source = fileName(job.corpus()) + " (slice " + slice.index() + ", from line " + slice.firstLine() + ")";
        try (InputStream text = bytes) {
            if (job.format() == CorpusFormat.TEXT) {
                analysis.run(new TextDocuments(text, source, slice.firstLine()), model, job, acc, slice);
            } else {
                try (ConlluReader reader = new ConlluReader(text, fileName(job.corpus()), slice.firstLine(), job.lenient())) {
                    Iterator<Document> docs = reader.documents();
                    analysis.run(docs, model, job, acc, slice);
                    reader.problems().forEach(p -> System.err.println(job.analysis() + ": skipped malformed sentence: " + p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + source + ": " + e.getMessage(), e);
        }
        return analysis.toJson(acc);
    }

    /** Merges partition results in the given (partition) order; an empty list gives an empty accumulator. */
    public static <A> A merge(CorpusJob<A> job, Iterable<String> jsons, BertConfig config) {
        CorpusAnalysis<A> analysis = job.kind();
        A acc = null;
        for (String json : jsons) {
            A part = analysis.fromJson(json);
            if (acc == null) acc = part; else analysis.merge(acc, part);
        }
        return acc != null ? acc : analysis.createFor(config, job);
    }

    private static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
