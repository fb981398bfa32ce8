package org.bertology4j.plot;

import org.bertology4j.io.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Attention drawn as in Clark et al.'s Figures 1 and 5: the tokens twice, attending ones on the left and attended ones
 * on the right, a line from left token i to right token j whose opacity is the weight {@code a[i][j]} ("the darkness of
 * a line indicates the strength of the attention weight"). Lines from (or to) highlighted tokens and those tokens are
 * red, the rest blue. Panels are drawn side by side in one PNG.
 */
public final class AttentionLines {
    private AttentionLines() {}

    /**
     * One panel.
     *
     * @param title       above the panel (e.g. "Head 8-10: direct objects attend to their verbs")
     * @param tokens      the tokens (or words) in order
     * @param weights     [tokens][tokens], row = attending token; drawn as given (rows need not sum to 1)
     * @param highlighted indices of tokens drawn red
     * @param fromSide    true: the highlighted tokens' outgoing lines are red (left column); false: incoming (right)
     */
    public record Panel(String title, List<String> tokens, double[][] weights, Set<Integer> highlighted, boolean fromSide) {
        public Panel {
            tokens = List.copyOf(tokens);
            highlighted = Set.copyOf(highlighted);
            if (weights.length != tokens.size()) throw new IllegalArgumentException("panel '" + title + "': " + weights.length + " rows for " + tokens.size() + " tokens");
            for (double[] row : weights) if (row.length != tokens.size()) throw new IllegalArgumentException("panel '" + title + "': weights are not square");
        }
    }

    private static final int ROW = 18, GAP = 120, MARGIN = 16, TITLE = 34;
    private static final Color BLUE = new Color(31, 90, 200), RED = new Color(204, 0, 0);

    /** Draws the panels side by side into {@code png} (atomically). */
    public static void draw(Path png, List<Panel> panels) throws IOException {
        if (panels.isEmpty()) throw new IllegalArgumentException("no panel to draw");
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12), bold = font.deriveFont(Font.BOLD);
        FontMetrics fm = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics().getFontMetrics(font);
        int[] widths = new int[panels.size()];
        int height = 0, width = MARGIN;
        for (int p = 0; p < panels.size(); p++) {
            Panel panel = panels.get(p);
            int tokenWidth = 0;
            for (String t : panel.tokens()) tokenWidth = Math.max(tokenWidth, fm.stringWidth(t));
            widths[p] = Math.max(2 * tokenWidth + GAP + 8, fm.stringWidth(panel.title()) + 8);
            width += widths[p] + MARGIN;
            height = Math.max(height, TITLE + ROW * panel.tokens().size() + MARGIN);
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int x0 = MARGIN;
        for (int p = 0; p < panels.size(); p++) {
            Panel panel = panels.get(p);
            int tokenWidth = 0;
            for (String t : panel.tokens()) tokenWidth = Math.max(tokenWidth, fm.stringWidth(t));
            int left = x0 + (widths[p] - (2 * tokenWidth + GAP)) / 2 + tokenWidth, right = left + GAP;
            g.setFont(bold);
            g.setColor(Color.BLACK);
            g.drawString(panel.title(), x0 + (widths[p] - g.getFontMetrics().stringWidth(panel.title())) / 2, 20);
            g.setStroke(new BasicStroke(1.2f));
            int n = panel.tokens().size();
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) {
                    double w = Math.max(0, Math.min(1, panel.weights()[i][j]));
                    if (w < 0.005) continue;
                    boolean red = panel.highlighted().contains(panel.fromSide() ? i : j);
                    Color c = red ? RED : BLUE;
                    g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * w)));
                    g.drawLine(left + 4, y(i), right - 4, y(j));
                }
            g.setFont(font);
            for (int i = 0; i < n; i++) {
                String t = panel.tokens().get(i);
                g.setColor(panel.fromSide() && panel.highlighted().contains(i) ? RED : Color.BLACK);
                g.drawString(t, left - 6 - fm.stringWidth(t), y(i) + fm.getAscent() / 2 - 1);
                g.setColor(!panel.fromSide() && panel.highlighted().contains(i) ? RED : Color.BLACK);
                g.drawString(t, right + 6, y(i) + fm.getAscent() / 2 - 1);
            }
            x0 += widths[p] + MARGIN;
        }
        g.dispose();
        AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
    }

    private static int y(int i) { return TITLE + ROW / 2 + ROW * i; }
}
