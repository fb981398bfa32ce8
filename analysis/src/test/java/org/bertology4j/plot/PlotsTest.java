package org.bertology4j.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Heatmap grids of any number of maps: full rows, fewer maps than columns, an incomplete last row. */
class PlotsTest {
    @TempDir
    Path tmp;

    private static BufferedImage grid(Path png, int maps, int columns) throws Exception {
        List<double[][]> tiles = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < maps; i++) {
            tiles.add(new double[][]{{i, 1}, {0.5, 0.25}});
            titles.add("map " + i);
        }
        Plots.heatmapGrid(png, tiles, titles, List.of("a", "b"), columns, false);
        return ImageIO.read(png.toFile());
    }

    @Test
    void gridsOfEverySizeAreWrittenWithTheirShape() throws Exception {
        BufferedImage one = grid(tmp.resolve("one.png"), 1, 4);
        int w = one.getWidth(), h = one.getHeight();
        BufferedImage two = grid(tmp.resolve("two.png"), 2, 4);       // a 2-layer model's flow figure
        assertEquals(2 * w, two.getWidth());
        assertEquals(h, two.getHeight());
        BufferedImage five = grid(tmp.resolve("five.png"), 5, 4);     // incomplete last row
        assertEquals(4 * w, five.getWidth());
        assertEquals(2 * h, five.getHeight());
        assertEquals(0, five.getRGB(4 * w - 1, 2 * h - 1) >>> 24, "the empty cell is transparent");
        BufferedImage eight = grid(tmp.resolve("eight.png"), 8, 4);
        assertEquals(4 * w, eight.getWidth());
        assertEquals(2 * h, eight.getHeight());
    }

    @Test
    void anEmptyGridIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> grid(tmp.resolve("none.png"), 0, 4));
    }
}
