package org.bertology4j.plot;

import org.bertology4j.io.AtomicFiles;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Tokens as running text, one block per row (a layer), each token's background coloured by its score from blue
 * (negative) through white to red (positive), each row on its own scale (±its largest |score|, shown beside it):
 * the style of the DeepLIFT figures of arXiv 1910.06431. Tokens can be marked: bold and underlined (e.g. question
 * keywords), boxed (e.g. the predicted answer) or boxed with a dashed line (e.g. the gold answer). Written as SVG.
 */
public final class TokenScoreFigure {
    private static final int WIDTH = 1100, LEFT = 110, LINE = 19, FONT = 12;
    private static final double CHAR = 7.0;

    private TokenScoreFigure() {}

    /** How a token is marked. */
    public enum Mark { NONE, BOLD, BOX, DASHED_BOX, BOLD_BOX }

    /**
     * @param title     the figure's title (first line)
     * @param subtitle  a second line (e.g. the answer), or null
     * @param tokens    the tokens (pieces; "##" continuations are drawn without the marks, joined to the previous token)
     * @param rows      [row][token] scores
     * @param rowLabels a label per row
     * @param marks     a mark per token
     */
    public static void write(Path svg, String title, String subtitle, List<String> tokens, double[][] rows,
                             List<String> rowLabels, Mark[] marks) throws IOException {
        if (rows.length != rowLabels.size()) throw new IllegalArgumentException(rows.length + " rows but " + rowLabels.size() + " labels");
        if (marks.length != tokens.size()) throw new IllegalArgumentException(tokens.size() + " tokens but " + marks.length + " marks");
        StringBuilder body = new StringBuilder();
        int y = 44 + (subtitle == null ? 0 : 16);
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != tokens.size()) throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " scores for " + tokens.size() + " tokens");
            double max = 0;
            for (double v : rows[r]) max = Math.max(max, Math.abs(v));
            y += 6;
            body.append(text(8, y + 13, rowLabels.get(r), "bold"));
            body.append(text(8, y + 13 + LINE - 4, String.format(Locale.ROOT, "±%.3g", max), "normal").replace("font-size=\"12\"", "font-size=\"10\""));
            double x = LEFT;
            int lineY = y;
            for (int t = 0; t < tokens.size(); t++) {
                String tok = tokens.get(t);
                boolean cont = tok.startsWith("##") && tok.length() > 2;
                String shown = cont ? tok.substring(2) : tok;
                double w = shown.length() * CHAR + 4;
                if (!cont && x > LEFT) x += 3;
                if (x + w > WIDTH - 10) {
                    x = LEFT;
                    lineY += LINE;
                }
                Color c = colour(max == 0 ? 0 : rows[r][t] / max);
                Mark m = marks[t];
                String stroke = switch (m) {
                    case BOX, BOLD_BOX -> " stroke=\"#000\" stroke-width=\"1.5\"";
                    case DASHED_BOX -> " stroke=\"#1a7f37\" stroke-width=\"1.5\" stroke-dasharray=\"3,2\"";
                    default -> "";
                };
                body.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"%s/>%n",
                        x, lineY, w, LINE - 3, hex(c), stroke));
                boolean bold = m == Mark.BOLD || m == Mark.BOLD_BOX;
                String t2 = text(x + 2, lineY + 12, shown, bold ? "bold" : "normal");
                if (bold) t2 = t2.replace("<text ", "<text text-decoration=\"underline\" ");
                body.append(t2);
                x += w;
            }
            y = lineY + LINE;
        }
        int height = y + 40;
        StringBuilder svgText = new StringBuilder();
        svgText.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"DejaVu Sans Mono, monospace\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>%n", WIDTH, height));
        svgText.append(text(8, 18, title, "bold"));
        if (subtitle != null) svgText.append(text(8, 34, subtitle, "normal"));
        svgText.append(body);
        // the colour scale
        int sx = LEFT, sy = height - 28;
        for (int i = 0; i <= 100; i++) {
            svgText.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"3\" height=\"10\" fill=\"%s\"/>%n",
                    sx + 3 * i, sy, hex(colour(i / 50.0 - 1))));
        }
        svgText.append(text(sx - 60, sy + 9, "−max", "normal")).append(text(sx + 145, sy + 24, "0", "normal"))
                .append(text(sx + 310, sy + 9, "+max (each row's ± value)", "normal"));
        svgText.append("</svg>\n");
        AtomicFiles.writeString(svg, svgText.toString());
    }

    /** Blue (−1) – white (0) – red (+1), Plots.DIVERGING. */
    static Color colour(double v) {
        v = Math.max(-1, Math.min(1, v));
        Color[] s = Plots.DIVERGING;
        Color a = v < 0 ? s[1] : s[1], b = v < 0 ? s[0] : s[2];
        double f = Math.abs(v);
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    private static String hex(Color c) { return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue()); }

    private static String text(double x, double y, String s, String weight) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" font-weight=\"%s\">%s</text>%n", x, y, FONT, weight, escape(s));
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t') b.append(c);
                }
            }
        }
        return b.toString();
    }
}
