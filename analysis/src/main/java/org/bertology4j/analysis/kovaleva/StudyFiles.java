package org.bertology4j.analysis.kovaleva;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.bertology4j.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;

/** The JSON files of the Kovaleva studies: pretty-printed Jackson with a final newline, written atomically. */
final class StudyFiles {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StudyFiles() {}

    static void writeJson(Path file, Object value) throws IOException {
        AtomicFiles.writeString(file, JSON.writeValueAsString(value) + "\n");
    }
}
