package org.bertology4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.bertology4j.io.JsonFiles;

import java.io.IOException;
import java.nio.file.Path;

/** JSON output of the CLI: the library's {@link JsonFiles} (pretty-printed Jackson, files written atomically). */
final class Json {
    static final ObjectMapper MAPPER = JsonFiles.MAPPER;

    private Json() {}

    static String toString(Object value) { return JsonFiles.toString(value); }

    static void write(Path file, Object value) throws IOException { JsonFiles.write(file, value); }
}
