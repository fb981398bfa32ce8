package org.bertology4j.report;

import org.bertology4j.io.AtomicFiles;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One self-contained HTML report (no network): sections of markdown text and tables (rendered with commonmark)
 * and PNG figures embedded as data URIs, with the run's settings and the model's identity at the top.
 */
public final class HtmlReport {
    private static final List<org.commonmark.Extension> EXT = List.of(TablesExtension.create());
    private static final Parser MD = Parser.builder().extensions(EXT).build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().extensions(EXT).escapeHtml(true).build();

    private final String title;
    private final Map<String, String> settings;
    private final StringBuilder body = new StringBuilder();

    /** A report with a title and the settings table shown first (model name, hash, inputs, options). */
    public HtmlReport(String title, Map<String, String> settings) {
        this.title = title;
        this.settings = settings;
    }

    /** Adds a section: a heading, a markdown text, and the markdown and PNG files of {@code dir} (sorted by name). */
    public HtmlReport section(String heading, String markdown, Path dir) throws IOException {
        body.append("<section><h2>").append(escape(heading)).append("</h2>\n");
        if (markdown != null) body.append(HTML.render(MD.parse(markdown)));
        if (dir != null && Files.isDirectory(dir)) {
            List<Path> files = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".md") || p.toString().endsWith(".png")).sorted().forEach(files::add);
            }
            for (Path f : files) {
                if (f.toString().endsWith(".md")) {
                    body.append("<div class=\"md\">").append(HTML.render(MD.parse(Files.readString(f)))).append("</div>\n");
                }
            }
            for (Path f : files) {
                if (f.toString().endsWith(".png")) {
                    String b64 = Base64.getEncoder().encodeToString(Files.readAllBytes(f));
                    body.append("<figure><img alt=\"").append(escape(f.getFileName().toString()))
                            .append("\" src=\"data:image/png;base64,").append(b64).append("\"><figcaption>")
                            .append(escape(f.getFileName().toString())).append("</figcaption></figure>\n");
                }
            }
        }
        body.append("</section>\n");
        return this;
    }

    /** The whole page. */
    public String html() {
        StringBuilder s = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n"
                + "<title>").append(escape(title)).append("</title>\n<style>body{font-family:sans-serif;max-width:1200px;margin:2em auto;"
                + "padding:0 1em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:2px 6px;"
                + "font-size:13px}figure{display:inline-block;margin:8px}img{max-width:100%}figcaption{font-size:12px;color:#555}"
                + "</style></head><body>\n<h1>").append(escape(title)).append("</h1>\n<table class=\"settings\">");
        settings.forEach((k, v) -> s.append("<tr><th>").append(escape(k)).append("</th><td>").append(escape(v)).append("</td></tr>"));
        s.append("</table>\n").append(body).append("</body></html>\n");
        return s.toString();
    }

    /** Writes the page atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, html());
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
