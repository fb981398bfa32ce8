package org.bertology4j.cli;

import org.bertology4j.plot.HeadPlots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Bar charts for the commands that still draw their own figures (probe): {@link HeadPlots#bars}. */
final class ClarkPlots {
    private ClarkPlots() {}

    static void bars(Path png, String title, String yTitle, List<String> categories, Map<String, double[]> series) throws IOException {
        HeadPlots.bars(png, title, yTitle, categories, series);
    }
}
