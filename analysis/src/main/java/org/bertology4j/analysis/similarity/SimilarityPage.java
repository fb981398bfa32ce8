package org.bertology4j.analysis.similarity;

import java.util.Locale;

/**
 * The offline page of a {@link SimilarityResult}: both texts word by word, coloured by their DeepLIFT score (blue
 * negative, red positive, one scale for both texts), each word a link to its best counterpart in the other text and
 * listed with all its counterparts; the per-layer figures below. Pair view: hovering or focusing a word outlines every
 * word of the other text by its cosine with it (orange, from none at the lowest cosine of that row to full at the
 * highest) and shows the cosine beside it; a small inline script reads the cosines from the page's JSON element
 * {@code #sim-cosines} ({@code [word of A][word of B]}). Without the script the links and tables still work. No network.
 */
final class SimilarityPage {
    private SimilarityPage() {}

    static String html(SimilarityResult r) {
        double max = 1e-30;
        for (SimilarityResult.Text t : new SimilarityResult.Text[]{r.a(), r.b()}) {
            for (SimilarityResult.Unit u : t.words()) max = Math.max(max, Math.max(Math.abs(u.deepLift()), Math.abs(u.ig())));
        }
        var d = r.deepLift();
        var ig = r.integratedGradients();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; ")
                .append("script-src 'unsafe-inline'\">\n")
                .append("<title>Why are these texts similar? - ").append(esc(r.model())).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:1.5em;max-width:70em}a.w{text-decoration:none;color:#000;padding:2px 3px;")
                .append("border-radius:3px;margin:1px;display:inline-block;border:1px solid #ccc}a.w:target{outline:3px solid #f90}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left}")
                .append("td.n{text-align:right;font-variant-numeric:tabular-nums}.meta{color:#555}")
                .append("a.w{position:relative}a.w[data-cos]::after{content:attr(data-cos);position:absolute;left:0;top:-1.25em;")
                .append("font-size:70%;color:#a50;background:#fff;padding:0 1px}p.t{line-height:2.4}")
                .append("</style></head><body>\n")
                .append("<h1>Why are these texts similar?</h1>\n<p class=\"meta\">")
                .append(esc(String.format(Locale.ROOT, "%s, %s pooling (%s); %s similarity %.4f, against the %s reference %.4f: "
                                + "delta %.4f = text A %.4f + text B %.4f. DeepLIFT relative residual %.1e (worst layer %.1e); "
                                + "integrated gradients (%d-point %s) gap %.1e.", r.model(),
                        r.spec().pooling().name().toLowerCase(Locale.ROOT), r.spec().source(), r.measure().name().toLowerCase(Locale.ROOT),
                        d.similarity(), r.reference(), d.referenceValue(), d.delta(), d.a().delta(), d.b().delta(), d.relativeResidual(),
                        max(d.relativeLayerResiduals()), ig.quadrature().steps(), ig.quadrature().name(), ig.relativeResidual())))
                .append("</p>\n<p class=\"meta\">Colour: DeepLIFT score of each word's word embeddings (sum over its pieces), blue ")
                .append("negative, red positive, one scale for both texts (largest |score| ")
                .append(String.format(Locale.ROOT, "%.4f", max)).append("). Each word links to its closest word in the other text ")
                .append("(cosine of last-layer vectors); the tables list three counterparts each. Hover a word: every word of the ")
                .append("other text is outlined by its cosine with it (the strongest outline at its closest word, none at its ")
                .append("farthest) and shows the cosine.</p>\n");
        // the pair view first: both texts together, so a hovered word and its counterparts are on screen at once
        for (SimilarityResult.Text t : new SimilarityResult.Text[]{r.a(), r.b()}) {
            SimilarityResult.Text other = t == r.a() ? r.b() : r.a();
            String me = t.label().toLowerCase(Locale.ROOT), them = other.label().toLowerCase(Locale.ROOT);
            h.append("<h2>Text ").append(t.label()).append("</h2>\n<p class=\"t\">");
            for (int i = 0; i < t.words().size(); i++) {
                SimilarityResult.Unit u = t.words().get(i);
                h.append("<a class=\"w\" id=\"").append(me).append('-').append(i).append("\" href=\"#").append(them).append('-')
                        .append(u.counterparts()[0]).append("\" style=\"background:").append(colour(u.deepLift() / max))
                        .append("\" title=\"").append(esc(String.format(Locale.ROOT, "DeepLIFT %.4f, IG %.4f; closest: %s (%.3f)",
                                u.deepLift(), u.ig(), other.words().get(u.counterparts()[0]).word(), u.cosines()[0])))
                        .append("\">").append(esc(u.word())).append("</a> ");
            }
            h.append("</p>\n");
        }
        for (SimilarityResult.Text t : new SimilarityResult.Text[]{r.a(), r.b()}) {
            SimilarityResult.Text other = t == r.a() ? r.b() : r.a();
            String me = t.label().toLowerCase(Locale.ROOT), them = other.label().toLowerCase(Locale.ROOT);
            h.append("<h2>Text ").append(t.label()).append(": scores and counterparts</h2>\n")
                    .append("<table><tr><th>word</th><th>DeepLIFT</th><th>IG</th><th>counterparts in text ").append(other.label())
                    .append(" (cosine)</th></tr>\n");
            for (int i = 0; i < t.words().size(); i++) {
                SimilarityResult.Unit u = t.words().get(i);
                h.append("<tr><td><a href=\"#").append(me).append('-').append(i).append("\">").append(esc(u.word())).append("</a></td>")
                        .append(String.format(Locale.ROOT, "<td class=\"n\">%.4f</td><td class=\"n\">%.4f</td><td>", u.deepLift(), u.ig()));
                for (int k = 0; k < u.counterparts().length; k++) {
                    h.append("<a href=\"#").append(them).append('-').append(u.counterparts()[k]).append("\">")
                            .append(esc(other.words().get(u.counterparts()[k]).word())).append("</a>")
                            .append(String.format(Locale.ROOT, " (%.3f) ", u.cosines()[k]));
                }
                h.append("</td></tr>\n");
            }
            h.append("</table>\n<p><img src=\"deeplift-").append(me).append(".png\" alt=\"DeepLIFT per layer, text ")
                    .append(t.label()).append("\" style=\"max-width:100%\"></p>\n");
        }
        h.append("<script type=\"application/json\" id=\"sim-cosines\">").append(json(r.wordCosines())).append("</script>\n")
                .append("<script>").append(PAIR_VIEW).append("</script>\n");
        return h.append("</body></html>\n").toString();
    }

    /** Hover or focus a word: outline the other text's words by their cosine with it, rescaled to that word's range. */
    private static final String PAIR_VIEW = String.join("\n",
            "(function () {",
            "  const C = JSON.parse(document.getElementById('sim-cosines').textContent);",
            "  function show(side, i, on) {",
            "    const other = side === 'a' ? 'b' : 'a';",
            "    const row = side === 'a' ? C[i] : C.map((r) => r[i]);",
            "    const lo = Math.min(...row), hi = Math.max(...row);",
            "    row.forEach((c, j) => {",
            "      const el = document.getElementById(other + '-' + j);",
            "      if (!on) { el.style.boxShadow = ''; delete el.dataset.cos; return; }",
            "      const w = hi > lo ? (c - lo) / (hi - lo) : 1;",
            "      el.style.boxShadow = '0 0 0 3px rgba(255,140,0,' + w.toFixed(3) + ')';",
            "      el.dataset.cos = c.toFixed(2);",
            "    });",
            "    document.getElementById(side + '-' + i).style.outline = on ? '2px solid #333' : '';",
            "    document.body.dataset.pair = on ? side + '-' + i : '';",
            "  }",
            "  document.querySelectorAll('a.w').forEach((el) => {",
            "    const side = el.id.charAt(0), i = +el.id.slice(2);",
            "    ['mouseenter', 'focus'].forEach((ev) => el.addEventListener(ev, () => show(side, i, true)));",
            "    ['mouseleave', 'blur'].forEach((ev) => el.addEventListener(ev, () => show(side, i, false)));",
            "  });",
            "})();");

    /** The cosines as a JSON array of rows (numbers only, so safe inside a script element). */
    private static String json(double[][] m) {
        StringBuilder b = new StringBuilder("[");
        for (int u = 0; u < m.length; u++) {
            b.append(u == 0 ? "[" : ",[");
            for (int j = 0; j < m[u].length; j++) {
                if (!Double.isFinite(m[u][j])) throw new IllegalStateException("cosine of word " + u + " of A and word " + j + " of B is " + m[u][j]);
                b.append(j == 0 ? "" : ",").append(Double.toString(m[u][j]));
            }
            b.append(']');
        }
        return b.append(']').toString();
    }

    private static double max(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, v);
        return m;
    }

    /** -1 blue, 0 white, +1 red. */
    static String colour(double x) {
        double t = Math.max(-1, Math.min(1, x));
        int c = (int) Math.round(255 * (1 - Math.abs(t)));
        return t < 0 ? "rgb(" + c + "," + c + ",255)" : "rgb(255," + c + "," + c + ")";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
