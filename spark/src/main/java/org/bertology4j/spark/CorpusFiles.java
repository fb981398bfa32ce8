package org.bertology4j.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.bertology4j.distributed.BoundedInputStream;
import org.bertology4j.distributed.CorpusFormat;
import org.bertology4j.distributed.DocumentScanner;
import org.bertology4j.distributed.DocumentSpan;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Corpus files through Hadoop's file systems: local paths, {@code file:}, {@code hdfs:}, {@code s3a:}... */
final class CorpusFiles {
    private CorpusFiles() {}

    /** The documents of the corpus (driver side). */
    static List<DocumentSpan> scan(String corpus, CorpusFormat format, Configuration conf) {
        try (InputStream in = open(corpus, conf)) {
            return DocumentScanner.scan(in, format);
        } catch (IOException e) {
            throw new UncheckedIOException("reading corpus " + corpus + ": " + e.getMessage(), e);
        }
    }

    /** Bytes {@code start..end} of the corpus (task side); closing the stream closes the file. */
    static InputStream open(String corpus, long start, long end, Configuration conf) throws IOException {
        FSDataInputStream in = open(corpus, conf);
        try {
            in.seek(start);
        } catch (IOException e) {
            in.close();
            throw new IOException("cannot seek to byte " + start + " of " + corpus + " (has the file changed since the run started?)", e);
        }
        return new BoundedInputStream(in, end - start);
    }

    private static FSDataInputStream open(String corpus, Configuration conf) throws IOException {
        Path p = new Path(corpus);
        FileSystem fs = p.getFileSystem(conf);
        try {
            return fs.open(p);
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException("corpus not found: " + corpus + " (on a cluster every executor must see it: "
                    + "a shared file system or an hdfs:// / s3a:// URI)");
        }
    }
}
