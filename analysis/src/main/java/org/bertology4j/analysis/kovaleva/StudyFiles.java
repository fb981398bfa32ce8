package org.bertology4j.analysis.kovaleva;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.bertology4j.io.AtomicFiles;
import org.bertology4j.plot.HeadPlots;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The files of the Kovaleva studies: JSON pretty-printed by Jackson with a final newline, written atomically; [layer][head] figures. */
final class StudyFiles {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StudyFiles() {}

    static void writeJson(Path file, Object value) throws IOException {
        AtomicFiles.writeString(file, JSON.writeValueAsString(value) + "\n");
    }

    /** Creates {@code dir} and writes {@code value} as {@code dir/name}; returns a modifiable list of that file. */
    static List<Path> json(Path dir, String name, Object value) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        writeJson(file, value);
        return new ArrayList<>(List.of(file));
    }

    /**
     * {@code dir/NAME.json} and, with {@code plots}, {@code dir/NAME.png}: one [layer][head] grid per value in
     * {@code columns} columns; returns the files.
     */
    static List<Path> jsonAndGrid(Path dir, String name, Object json, boolean plots, List<String> titles,
                                  List<double[][]> values, boolean diverging, int columns) throws IOException {
        List<Path> files = json(dir, name + ".json", json);
        if (plots) files.add(grid(dir.resolve(name + ".png"), titles, values, diverging, columns));
        return files;
    }

    /** One figure of [layer][head] grids ({@link HeadPlots#grid}) as {@code png}; returns it. */
    static Path grid(Path png, List<String> titles, List<double[][]> values, boolean diverging, int columns) throws IOException {
        HeadPlots.grid(png, titles, values, diverging, columns);
        return png;
    }
}
