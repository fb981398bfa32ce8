package org.bertology4j.analysis.qa.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.analysis.qa.SquadDataset;
import org.bertology4j.analysis.qa.SquadParagraph;
import org.bertology4j.analysis.qa.SquadQuestion;
import org.bertology4j.analysis.qa.train.QaPrediction;
import org.bertology4j.analysis.qa.train.QaPredictor;
import org.bertology4j.analysis.qa.train.QaWindow;
import org.bertology4j.analysis.qa.train.SquadSample;
import org.bertology4j.core.deeplift.Attribution;
import org.bertology4j.core.deeplift.DeepLift;
import org.bertology4j.core.deeplift.Reference;
import org.bertology4j.core.deeplift.SpecialTokens;
import org.bertology4j.core.deeplift.Target;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.train.LengthBatcher;
import org.bertology4j.corpus.Checkpoint;
import org.bertology4j.corpus.CorpusRun;
import org.bertology4j.corpus.ProgressListener;
import org.bertology4j.io.AtomicFiles;
import org.bertology4j.plot.TokenScoreFigure;
import org.bertology4j.tokenizer.Vocabulary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The question-answering study of arXiv 1910.06431 (DeepLIFT on BERT fine-tuned for SQuAD 2.0) as one call: for each
 * question, the model's answer ({@link QaPredictor}), then exact DeepLIFT ({@link DeepLift}, [PAD] reference) of the
 * predicted start logit and of the predicted end logit at the best span's positions, back to every hidden state h_0 ..
 * h_L of the window holding that span, with the completeness residual; per layer the share of attribution on the
 * question (and its keywords), the answer, [SEP], [CLS] and the rest of the context ({@link LayerShares}); a figure per
 * question in the paper's style ({@link TokenScoreFigure}); then the aggregate curves, the clusters of questions by
 * their per-layer profiles ({@link ProfileClustering}) and the paper's claims tested ({@link QaStudyResult}).
 *
 * <p>Resumable like the corpus commands: a {@link CorpusRun} over the questions (progress, a checkpoint every minute
 * and on Ctrl-C, written atomically) with a {@link Checkpoint} whose identity is the input's SHA-256, the model's
 * identity and the options; every file is written atomically.
 */
public final class QaStudy {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BertModel model;
    private final Vocabulary vocabulary;
    private final QaPredictor predictor;
    private final Map<String, String> modelIdentity;
    private final Options options;

    /**
     * @param limit            seeded random subset of N questions (negative: all)
     * @param seed             seeds the subset and the clustering
     * @param figures          per-question figures for the first N questions (negative: all)
     * @param checkpointEvery  time between checkpoints
     */
    public record Options(int limit, long seed, int figures, Duration checkpointEvery) {
        public Options {
            Objects.requireNonNull(checkpointEvery, "checkpointEvery");
        }

        public static Options defaults() { return new Options(-1, 42, -1, Duration.ofSeconds(60)); }

        public Options withLimit(int n) { return new Options(n, seed, figures, checkpointEvery); }
        public Options withSeed(long s) { return new Options(limit, s, figures, checkpointEvery); }
        public Options withFigures(int n) { return new Options(limit, seed, n, checkpointEvery); }
    }

    /**
     * @param predictor     the fine-tuned model's predictor (its windows and decoding are the study's)
     * @param vocabulary    the tokenizer's vocabulary (special token ids for the reference)
     * @param modelIdentity the model's identity fields (name, hashes: {@code ModelIdentity.fields()}), for the
     *                      checkpoint and the report
     */
    public QaStudy(QaPredictor predictor, BertModel model, Vocabulary vocabulary, Map<String, String> modelIdentity, Options options) {
        this.predictor = Objects.requireNonNull(predictor, "predictor");
        this.model = Objects.requireNonNull(model, "model");
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        this.modelIdentity = Map.copyOf(modelIdentity);
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Runs (or resumes) the study on the questions of {@code file} and writes everything under {@code out}:
     * {@code questions/ID.json} and {@code figures/ID.svg} per question, then {@code qa-study.json},
     * {@code qa-study.md} and the aggregate figures ({@link QaStudyResult#write}).
     *
     * @throws org.bertology4j.corpus.RunInterruptedException when stopped (Ctrl-C; run again to resume)
     */
    public QaStudyResult run(Path file, SquadDataset data, Path out, ProgressListener progress, boolean stopOnShutdown)
            throws IOException {
        SquadDataset sample = SquadSample.questions(data, options.limit(), options.seed());
        List<SquadParagraph> paragraphs = new ArrayList<>();
        List<SquadQuestion> questions = new ArrayList<>();
        sample.paragraphs().forEach(p -> p.questions().forEach(q -> {
            paragraphs.add(p);
            questions.add(q);
        }));
        Files.createDirectories(out.resolve("questions"));
        Files.createDirectories(out.resolve("figures"));
        Checkpoint cp = new Checkpoint(out.resolve("qa-study.checkpoint.json"), identity(file));
        Checkpoint.Saved saved = cp.load().orElse(null);
        List<QuestionAttribution> done = new ArrayList<>();
        if (saved != null) for (JsonNode q : saved.state().path("questions")) done.add(JSON.treeToValue(q, QuestionAttribution.class));
        DeepLift deepLift = new DeepLift(model, new SpecialTokens(vocabulary.padId(), vocabulary.clsId(), vocabulary.sepId(), vocabulary.maskId()));
        progress.started("qa-study", "question", questions.size(), done.size());
        try (CorpusRun run = new CorpusRun(cp, () -> state(done), progress, options.checkpointEvery(), done.size())) {
            if (stopOnShutdown) run.stopOnShutdown();
            for (int i = done.size(); i < questions.size(); i++) {
                boolean figure = options.figures() < 0 || i < options.figures();
                done.add(attribute(deepLift, questions.get(i), paragraphs.get(i), out, figure));
                run.unitDone(1);
            }
            run.finish();
        }
        QaStudyResult result = QaStudyResult.of(done, model.config().numHiddenLayers(), options.seed(), modelIdentity, sample.size());
        result.write(out);
        return result;
    }

    /** Predicts, attributes start and end, writes the question's file (and figure), returns its summary. */
    QuestionAttribution attribute(DeepLift deepLift, SquadQuestion q, SquadParagraph p, Path out, boolean figure) throws IOException {
        long t0 = System.nanoTime();
        List<QaWindow> windows = predictor.windows().windows(q.id(), q.question(), p.context());
        QaPrediction pred = predictor.decode(windows, p.context());
        QaPrediction.Span best = pred.best();
        int w = best == null ? 0 : best.window(), s = best == null ? 0 : best.start(), e = best == null ? 0 : best.end();
        QaWindow win = windows.get(w);
        List<Attribution> a = deepLift.attribute(LengthBatcher.input(List.of(win.trainingExample()), new int[]{0}), Reference.pad(),
                List.of(Target.qaStartAt(s), Target.qaEndAt(e)));
        Attribution start = a.get(0), end = a.get(1);
        TokenRole[] roles = TokenRole.of(win, best == null ? -1 : s, best == null ? -1 : e);
        int keywords = (int) Arrays.stream(roles).filter(r -> r == TokenRole.QUESTION_KEYWORD).count();
        double residual = Math.max(maxRelative(start), maxRelative(end));
        String gold = q.hasAnswer() ? q.answers().get(0).text() : "";
        String wh = q.question().trim().split("\\s+")[0].toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}]", "");
        QuestionAttribution r = new QuestionAttribution(q.id(), q.question(), wh, q.hasAnswer(), gold, pred.text(),
                best == null ? "" : best.text(), w, win.length(), keywords,
                LayerShares.groups(start.layerScores(), roles), LayerShares.groups(end.layerScores(), roles),
                LayerShares.role(start.layerScores(), roles, TokenRole.QUESTION_KEYWORD),
                LayerShares.role(end.layerScores(), roles, TokenRole.QUESTION_KEYWORD),
                start.delta(), end.delta(), residual, (System.nanoTime() - t0) / 1e9);
        String name = fileName(q.id());
        writeQuestion(out.resolve("questions").resolve(name + ".json"), r, win, roles, start, end, s, e);
        if (figure) figure(out.resolve("figures").resolve(name + ".svg"), r, win, roles, start, end, goldPositions(win, q, p));
        return r;
    }

    /** Relative residual of the token scores and of every layer. */
    static double maxRelative(Attribution a) {
        double d = Math.max(Math.abs(a.delta()), 1e-300), m = a.relativeResidual();
        for (double r : a.layerResiduals()) m = Math.max(m, Math.abs(r) / d);
        return m;
    }

    /** Window positions of the first gold answer (or none). */
    static boolean[] goldPositions(QaWindow win, SquadQuestion q, SquadParagraph p) {
        boolean[] g = new boolean[win.length()];
        if (!q.hasAnswer()) return g;
        int c0 = p.charIndex(q.answers().get(0)), c1 = c0 + q.answers().get(0).text().length();
        for (int t = 0; t < win.length(); t++) g[t] = win.inContext(t) && win.charEnds()[t] > c0 && win.charStarts()[t] < c1;
        return g;
    }

    private void writeQuestion(Path file, QuestionAttribution r, QaWindow win, TokenRole[] roles, Attribution start,
                               Attribution end, int s, int e) throws IOException {
        ObjectNode o = JSON.valueToTree(r);
        o.put("start_position", s);
        o.put("end_position", e);
        ArrayNode pieces = o.putArray("pieces"), rs = o.putArray("roles");
        for (int t = 0; t < win.length(); t++) {
            pieces.add(win.pieces()[t]);
            rs.add(roles[t].name());
        }
        o.set("start_scores", rounded(start.layerScores()));
        o.set("end_scores", rounded(end.layerScores()));
        o.put("scores_rows", "row n = h_n: n = 0 the embedding output, n = 1 .. L the layers' outputs");
        AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
    }

    private static ArrayNode rounded(double[][] s) {
        ArrayNode rows = JSON.createArrayNode();
        for (double[] row : s) {
            ArrayNode r = rows.addArray();
            for (double v : row) r.add(Double.parseDouble(String.format(Locale.ROOT, "%.6g", v)));
        }
        return rows;
    }

    /** The paper's figure: tokens per layer coloured by the start + end attribution (linear in the target). */
    private void figure(Path svg, QuestionAttribution r, QaWindow win, TokenRole[] roles, Attribution start, Attribution end,
                        boolean[] gold) throws IOException {
        double[][] sum = new double[start.layerScores().length][win.length()];
        List<String> labels = new ArrayList<>();
        for (int n = 0; n < sum.length; n++) {
            for (int t = 0; t < win.length(); t++) sum[n][t] = start.layerScores()[n][t] + end.layerScores()[n][t];
            labels.add(n == 0 ? "h_0 (emb.)" : "layer " + n);
        }
        TokenScoreFigure.Mark[] marks = new TokenScoreFigure.Mark[win.length()];
        for (int t = 0; t < marks.length; t++) {
            boolean kw = roles[t] == TokenRole.QUESTION_KEYWORD, ans = roles[t] == TokenRole.ANSWER;
            marks[t] = kw ? TokenScoreFigure.Mark.BOLD : ans ? TokenScoreFigure.Mark.BOX
                    : gold[t] ? TokenScoreFigure.Mark.DASHED_BOX : TokenScoreFigure.Mark.NONE;
        }
        String title = "Q: " + r.question() + "   (" + r.id() + ")";
        String sub = String.format(Locale.ROOT, "predicted: \"%s\"%s   gold: \"%s\"   DeepLIFT of start + end logit ([PAD] reference); "
                        + "bold = question keywords, box = predicted span, dashed = gold", r.predicted().isEmpty() ? "(no answer)" : r.predicted(),
                r.predicted().isEmpty() && !r.span().isEmpty() ? " (best span \"" + r.span() + "\")" : "", r.gold());
        TokenScoreFigure.write(svg, title, sub, Arrays.asList(win.pieces()), sum, labels, marks);
    }

    private JsonNode state(List<QuestionAttribution> done) {
        ObjectNode s = JSON.createObjectNode();
        ArrayNode a = s.putArray("questions");
        for (QuestionAttribution q : done) a.add(JSON.valueToTree(q));
        return s;
    }

    /** What must match for a resume: the input's content, the model, the options. */
    private JsonNode identity(Path file) throws IOException {
        ObjectNode id = JSON.createObjectNode();
        id.put("command", "qa-study");
        id.put("input_sha256", sha256(file));
        modelIdentity.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(en -> id.put(en.getKey(), en.getValue()));
        id.put("limit", options.limit());
        id.put("seed", options.seed());
        id.put("figures", options.figures());
        id.put("max_seq_length", predictor.windows().maxSeqLength());
        id.put("doc_stride", predictor.windows().docStride());
        id.put("max_query_length", predictor.windows().maxQueryLength());
        id.put("decoder", predictor.decoder().toString());
        return id;
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A question id as a file name (characters other than letters, digits, '.', '_', '-' become '_'). */
    static String fileName(String id) { return id.replaceAll("[^A-Za-z0-9._-]", "_"); }
}
