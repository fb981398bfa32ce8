package org.bertology4j.corpus;

import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.TextDocuments;
import org.bertology4j.distributed.CorpusFormat;
import org.bertology4j.distributed.CorpusJob;
import org.bertology4j.io.FileHash;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * A corpus file checked before any model is loaded, in one streamed pass: decoded strictly as UTF-8 and read through
 * the same reader as the run (so a malformed sentence, a cycle or an empty input is reported with file and line
 * before minutes of model loading), and hashed: its SHA-256 is what a checkpoint's identity names it by.
 *
 * @param sha256 SHA-256 of the file's bytes
 * @param bytes  its size
 */
record CorpusInput(String sha256, long bytes) {

    /** Checks and hashes the job's corpus file. */
    static CorpusInput check(CorpusJob<?> job) throws IOException {
        Path file = Path.of(job.corpus());
        if (!Files.isRegularFile(file)) throw new IOException("corpus file not found: " + file);
        String name = file.getFileName().toString();
        MessageDigest digest = FileHash.sha256();
        try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), digest)) {
            if (job.format() == CorpusFormat.CONLLU) {
                ConlluReader reader = new ConlluReader(in, name, 1, job.lenient()); // closed with 'in'
                while (reader.next() != null) {
                    // reading is checking
                }
            } else {
                TextDocuments docs = new TextDocuments(in, name, 1);
                if (!docs.hasNext()) throw new IOException(name + ": no text: the input is empty or only blank lines");
                while (docs.hasNext()) docs.next();
            }
            in.transferTo(OutputStream.nullOutputStream());
        }
        return new CorpusInput(FileHash.hex(digest), Files.size(file));
    }
}
