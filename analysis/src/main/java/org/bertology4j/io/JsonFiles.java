package org.bertology4j.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The results' JSON: pretty-printed Jackson with a final newline, files written atomically ({@link AtomicFiles}). */
public final class JsonFiles {
    /** The pretty-printing mapper every result file is written with. */
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonFiles() {}

    /** {@code value} as pretty-printed JSON text (no final newline). */
    public static String toString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code value} to {@code file} atomically, pretty-printed, with a final newline. */
    public static void write(Path file, Object value) throws IOException {
        AtomicFiles.writeString(file, toString(value) + "\n");
    }
}
