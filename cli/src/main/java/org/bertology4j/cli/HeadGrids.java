package org.bertology4j.cli;

import org.bertology4j.plot.HeadPlots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** PNG grids of [layer][head] values for the Kovaleva commands: {@link HeadPlots#grid}. */
final class HeadGrids {
    private HeadGrids() {}

    static void write(Path png, List<String> titles, List<double[][]> values, boolean diverging, int columns) throws IOException {
        HeadPlots.grid(png, titles, values, diverging, columns);
    }
}
