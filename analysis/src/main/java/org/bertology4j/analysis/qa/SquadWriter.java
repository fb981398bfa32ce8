package org.bertology4j.analysis.qa;

import org.bertology4j.io.JsonFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link SquadDataset} as SQuAD JSON, atomically ({@link JsonFiles}). Version "v2.0" data carries
 * {@code is_impossible} on every question and {@code plausible_answers} where a question has them; other versions
 * are written as SQuAD 1.1 (answers only).
 */
public final class SquadWriter {
    private SquadWriter() {}

    /** Writes {@code data} to {@code file}. */
    public static void write(Path file, SquadDataset data) throws IOException {
        JsonFiles.write(file, toJson(data));
    }

    /** The JSON tree of {@code data} (maps and lists in SQuAD's field order). */
    public static Map<String, Object> toJson(SquadDataset data) {
        boolean v2 = SquadDataset.V2.equals(data.version());
        Map<String, Object> root = new LinkedHashMap<>();
        if (data.version() != null) root.put("version", data.version());
        List<Object> articles = new ArrayList<>();
        for (SquadArticle a : data.articles()) {
            Map<String, Object> article = new LinkedHashMap<>();
            article.put("title", a.title());
            List<Object> paragraphs = new ArrayList<>();
            for (SquadParagraph p : a.paragraphs()) {
                Map<String, Object> paragraph = new LinkedHashMap<>();
                paragraph.put("context", p.context());
                List<Object> qas = new ArrayList<>();
                for (SquadQuestion q : p.questions()) {
                    Map<String, Object> qa = new LinkedHashMap<>();
                    qa.put("id", q.id());
                    qa.put("question", q.question());
                    qa.put("answers", answers(q.answers()));
                    if (v2) {
                        qa.put("is_impossible", q.impossible());
                        if (!q.plausibleAnswers().isEmpty()) qa.put("plausible_answers", answers(q.plausibleAnswers()));
                    }
                    qas.add(qa);
                }
                paragraph.put("qas", qas);
                paragraphs.add(paragraph);
            }
            article.put("paragraphs", paragraphs);
            articles.add(article);
        }
        root.put("data", articles);
        return root;
    }

    private static List<Object> answers(List<SquadAnswer> answers) {
        List<Object> out = new ArrayList<>();
        for (SquadAnswer a : answers) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("text", a.text());
            m.put("answer_start", a.answerStart());
            out.add(m);
        }
        return out;
    }
}
