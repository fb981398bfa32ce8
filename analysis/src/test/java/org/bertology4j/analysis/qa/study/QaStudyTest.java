package org.bertology4j.analysis.qa.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bertology4j.analysis.qa.SquadArticle;
import org.bertology4j.analysis.qa.SquadDataset;
import org.bertology4j.analysis.qa.SquadParagraph;
import org.bertology4j.analysis.qa.SquadQuestion;
import org.bertology4j.analysis.qa.SquadWriter;
import org.bertology4j.analysis.qa.train.QaPredictor;
import org.bertology4j.analysis.qa.train.QaWindow;
import org.bertology4j.analysis.qa.train.QaWindows;
import org.bertology4j.analysis.qa.train.SpanDecoder;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.corpus.ProgressListener;
import org.bertology4j.distributed.TinyModelDirectory;
import org.bertology4j.tokenizer.BertTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The study on a tiny random QA model in float64: completeness, shares, files, resume, clusters; and its parts. */
class QaStudyTest {
    @TempDir
    Path tmp;

    static final String CONTEXT = "In 1801, Zoë moved to Zürich's old café near the Limmat. Ana O'Neill, aged 34, ran it until 2003. "
            + "The café closed after a fire in the kitchen.";

    static SquadDataset data() {
        List<SquadQuestion> qs = new ArrayList<>();
        String[][] items = {{"Who moved to Zürich?", "Zoë"}, {"When did the café close?", "2003"}, {"Who ran the café?", "Ana O'Neill"},
                {"Where was the fire?", "the kitchen"}, {"How old was Ana?", "34"}, {"What closed after a fire?", "The café"}};
        for (int i = 0; i < items.length; i++) {
            int at = CONTEXT.indexOf(items[i][1]);
            qs.add(new SquadQuestion("q" + i, items[i][0], List.of(new org.bertology4j.analysis.qa.SquadAnswer(items[i][1], at)), false, List.of()));
        }
        qs.add(new SquadQuestion("n0", "Who founded the bakery?", List.of(), true, List.of()));
        return new SquadDataset(SquadDataset.V2, List.of(new SquadArticle("cafe", List.of(new SquadParagraph(CONTEXT, qs)))));
    }

    QaStudy study(Path dir, QaStudy.Options options) {
        BertModel model = BertModel.load(dir, DataType.DOUBLE);
        BertTokenizer tok = BertTokenizer.fromModelDirectory(dir);
        QaPredictor predictor = new QaPredictor(model, new QaWindows(tok, 32, 8, 16), SpanDecoder.defaults(), 4);
        return new QaStudy(predictor, model, tok.vocabulary(), Map.of("name", "tiny"), options);
    }

    @Test
    void attributesEveryQuestionCompletelyWritesItsFilesAndResumes() throws Exception {
        Path dir = TinyModelDirectory.write(tmp.resolve("tiny"), 7);
        Path file = tmp.resolve("data.json");
        SquadWriter.write(file, data());
        QaStudy.Options options = new QaStudy.Options(-1, 3, 2, Duration.ZERO, null);
        QaStudyResult full = study(dir, options).run(file, data(), tmp.resolve("full"), ProgressListener.NONE, false);
        assertEquals(7, full.questions().size());
        for (QuestionAttribution q : full.questions()) {
            assertTrue(q.residual() < 1e-9, q.id() + ": completeness residual " + q.residual());
            for (double[][] shares : List.of(q.startShares(), q.endShares())) {
                assertEquals(3, shares.length, "h_0 .. h_2");
                for (double[] row : shares) assertEquals(1.0, row[0] + row[1] + row[2] + row[3] + row[4], 1e-12);
            }
            // the span head reads h_L only at the span's first and last piece: all of h_L's attribution is the span's
            if (!q.span().isEmpty()) assertEquals(1.0, q.meanShares()[2][1], 1e-12, q.id() + ": span share at h_L");
            assertTrue(q.keywords() > 0, q.question());
            assertTrue(Files.isRegularFile(tmp.resolve("full/questions/" + q.id() + ".json")));
        }
        String first = full.questions().get(0).id();
        try (var figures = Files.list(tmp.resolve("full/figures"))) {
            assertEquals(2, figures.count(), "figures for the first 2 questions only");
        }
        String svg = Files.readString(tmp.resolve("full/figures/" + first + ".svg"));
        assertTrue(svg.startsWith("<svg") && svg.contains("layer 2") && svg.contains("stroke=\"#000\""), "boxed answer");
        for (String f : List.of("qa-study.json", "qa-study.md", "curves-mean.png", "curves-start.svg", "clusters.png")) {
            assertTrue(Files.isRegularFile(tmp.resolve("full").resolve(f)), f);
        }
        JsonNode q0 = new ObjectMapper().readTree(tmp.resolve("full/questions/" + first + ".json").toFile());
        assertEquals(3, q0.path("start_scores").size());
        assertEquals(q0.path("pieces").size(), q0.path("start_scores").get(2).size());
        assertEquals(7, full.claims().size());
        assertTrue(full.clustering().k() >= 2);

        // stopped after 3 questions (a failing listener), then resumed: the same numbers as the uninterrupted run
        Path part = tmp.resolve("part");
        ProgressListener failing = new ProgressListener() {
            int n;

            @Override
            public void advanced(long units) { if (++n == 3) throw new IllegalStateException("stop"); }
        };
        assertThrows(IllegalStateException.class, () -> study(dir, options).run(file, data(), part, failing, false));
        long[] resumedFrom = {-1};
        ProgressListener seen = new ProgressListener() {
            @Override
            public void started(String task, String unit, long total, long alreadyDone) { resumedFrom[0] = alreadyDone; }
        };
        QaStudyResult resumed = study(dir, options).run(file, data(), part, seen, false);
        assertTrue(resumedFrom[0] >= 2, "resumed after " + resumedFrom[0]);
        for (int i = 0; i < 7; i++) {
            QuestionAttribution a = full.questions().get(i), b = resumed.questions().get(i);
            assertEquals(a.id(), b.id());
            assertEquals(a.predicted(), b.predicted());
            for (int n = 0; n < 3; n++) assertArrayEquals(a.startShares()[n], b.startShares()[n], 0.0);
        }
        // a time budget stops early with a report on the questions done, and the next run continues
        Path budget = tmp.resolve("budget");
        QaStudyResult one = study(dir, options.withTimeBudget(Duration.ZERO)).run(file, data(), budget, ProgressListener.NONE, false);
        assertEquals(1, one.questions().size(), "one question, then the budget is spent");
        assertEquals(7, one.sampleSize());
        assertTrue(Files.readString(budget.resolve("qa-study.json")).contains("\"complete\" : false"));
        QaStudyResult two = study(dir, options.withTimeBudget(Duration.ZERO)).run(file, data(), budget, ProgressListener.NONE, false);
        assertEquals(2, two.questions().size(), "continued");
        QaStudyResult rest = study(dir, options).run(file, data(), budget, ProgressListener.NONE, false);
        assertEquals(7, rest.questions().size());
        assertEquals(full.questions().get(6).id(), rest.questions().get(6).id());
        // another model (or other options) does not resume this checkpoint
        assertThrows(IllegalStateException.class, () -> study(dir, options.withSeed(4)).run(file, data(), part, ProgressListener.NONE, false));
    }

    @Test
    void rolesMarkKeywordsWholeWordsTheAnswerAndSpecials() throws Exception {
        BertTokenizer tok = TinyModelDirectory.shared().tokenizer();
        QaWindow w = new QaWindows(tok, 64, 16, 32).windows("q", "When did the unbelievably old café close?", CONTEXT).get(0);
        int at = -1;
        for (int t = w.contextStart(); t < w.length(); t++) if (w.pieces()[t].equals("2003")) at = t;
        TokenRole[] roles = TokenRole.of(w, at, at);
        assertEquals(TokenRole.CLS, roles[0]);
        assertEquals(TokenRole.SEP, roles[w.contextStart() - 1]);
        assertEquals(TokenRole.SEP, roles[w.length() - 1]);
        assertEquals(TokenRole.ANSWER, roles[at]);
        for (int t = 1; t < w.contextStart() - 1; t++) {
            String p = w.pieces()[t];
            boolean function = List.of("when", "did", "the", "?").contains(p);
            assertEquals(function ? TokenRole.QUESTION_OTHER : TokenRole.QUESTION_KEYWORD, roles[t], p);
        }
        assertTrue(java.util.Arrays.stream(w.pieces()).anyMatch(p -> p.startsWith("##")), "a word in several pieces is tested");
        double[][] scores = new double[2][w.length()];
        scores[1][at] = -3;
        scores[1][0] = 1;
        double[][] shares = LayerShares.groups(scores, roles);
        assertArrayEquals(new double[5], shares[0], 0.0);
        assertEquals(0.75, shares[1][TokenRole.Group.ANSWER.ordinal()], 1e-15);
        assertEquals(0.25, shares[1][TokenRole.Group.CLS.ordinal()], 1e-15);
    }

    @Test
    void signTestAndSilhouettes() {
        assertEquals(2 * 11 / 1024.0, SignTest.pValue(9, 10), 1e-15);
        assertEquals(1.0, SignTest.pValue(5, 10), 0.0);
        SignTest s = SignTest.of(new double[]{1, 2, 3, 4}, new double[]{0, 0, 3, 5});
        assertEquals(2, s.more());
        assertEquals(1, s.less());
        assertEquals(1, s.ties());
        double[][] pts = {{0, 0}, {0, 1}, {10, 0}, {10, 1}, {20, 0}, {20, 1}};
        ProfileClustering c = ProfileClustering.cluster(pts, 2, 4, 1);
        assertEquals(3, c.k(), "three well separated pairs: " + c.silhouettes());
        assertEquals(c.assignments()[0], c.assignments()[1]);
        assertTrue(c.assignments()[0] != c.assignments()[2]);
        assertArrayEquals(c.assignments(), ProfileClustering.cluster(pts, 2, 4, 1).assignments(), "seeded");
    }
}
