package org.bertology4j.distributed;

import org.bertology4j.weights.BertConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The distributed protocol run in this process, one slice after another, on a local file: scan, slice, run each
 * slice from its own bytes, merge the JSON states. It is the reference that a cluster runner must match, and lets
 * the slicing and merging be tested without a cluster. Not registered as a service.
 */
public final class InProcessRunner implements DistributedRunner {
    @Override
    public String name() { return "in-process"; }

    /** {@code master} is ignored; {@code job.partitions()} 0 means 2. */
    @Override
    public <A> A run(String master, CorpusJob<A> job) {
        Path file = Path.of(job.corpus());
        try {
            List<DocumentSpan> docs;
            try (InputStream in = Files.newInputStream(file)) {
                docs = DocumentScanner.scan(in, job.format());
            }
            int partitions = job.partitions() == 0 ? 2 : job.partitions();
            List<String> parts = new ArrayList<>();
            for (Slice s : SlicePlan.plan(docs, partitions, job.limit(), job.kind().limitUnit())) {
                parts.add(PartitionWork.run(job, s, range(file, s.start(), s.end())));
            }
            return PartitionWork.merge(job, parts, BertConfig.read(Path.of(job.model()).resolve("config.json")));
        } catch (IOException e) {
            throw new UncheckedIOException("reading corpus " + file + ": " + e.getMessage(), e);
        }
    }

    /** Bytes {@code start..end} of a local file. */
    public static InputStream range(Path file, long start, long end) throws IOException {
        FileChannel ch = FileChannel.open(file);
        ch.position(start);
        InputStream in = Channels.newInputStream(ch);
        return new BoundedInputStream(in, end - start);
    }
}
