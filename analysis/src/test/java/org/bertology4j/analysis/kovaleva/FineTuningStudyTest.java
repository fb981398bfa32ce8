package org.bertology4j.analysis.kovaleva;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bertology4j.analysis.conllu.GumData;
import org.bertology4j.analysis.tasks.ClassificationTask;
import org.bertology4j.analysis.tasks.DevSample;
import org.bertology4j.analysis.tasks.Tasks;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.train.TrainingConfig;
import org.bertology4j.distributed.TinyModelDirectory;
import org.bertology4j.tokenizer.BertTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Kovaleva studies from plain Java on a tiny model: fine-tuning with its baselines and tests, then the analyses. */
class FineTuningStudyTest {
    @TempDir
    Path tmp;

    @Test
    void fineTuningAndTheAnalysesRunFromJava() throws Exception {
        Path dir = TinyModelDirectory.write(tmp.resolve("tiny"), 41);
        BertModel model = BertModel.load(dir);
        BertTokenizer tok = BertTokenizer.fromModelDirectory(dir);
        ClassificationTask task = Tasks.load("gum-genre", GumData.dir(), null, 42);
        FineTuningStudy.Options options = FineTuningStudy.Options.defaults(42).withMaxTrain(24).withMaxDev(16)
                .withMaxLength(32, false).withTraining(TrainingConfig.bertDefaults(42).withEpochs(1).withBatchSize(8));
        List<String> log = new ArrayList<>();
        Path out = tmp.resolve("ft");
        FineTuningStudy study = new FineTuningStudy(model, tok, dir.resolve("vocab.txt"), "tiny", task, options).withLog(log::add);
        FineTuningStudy.Result r = study.run(out);
        assertTrue(r.complete());
        assertEquals(3, r.updates());
        assertEquals(List.of("majority", "pretrained_untrained_head", "frozen_cls_logreg", "frozen_pooled_logreg"), List.copyOf(r.baselines().keySet()));
        assertEquals(List.of("frozen_cls_logreg", "frozen_pooled_logreg"), List.copyOf(r.pairedTests().keySet()));
        McNemar m = r.pairedTests().get("frozen_cls_logreg");
        assertTrue(m.pValue() >= 0 && m.pValue() <= 1 && m.aOnly() + m.bOnly() <= 16, m.toString());
        assertTrue(Files.isRegularFile(r.modelDir().resolve("config.json")));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("majority-class baseline: dev accuracy")), log.toString());
        r.write(out);
        JsonNode json = new ObjectMapper().readTree(out.resolve("finetune.json").toFile());
        assertEquals(r.devScore(), json.path("finetuned_dev_accuracy").asDouble(), 0.0);
        assertEquals(r.baselines().get("majority"), json.path("majority_baseline_accuracy").asDouble(), 0.0);

        FineTuningStudy.Result ev = study.evaluate(out);
        assertEquals(r.devScore(), ev.report().path("finetuned_dev_accuracy_evaluated").asDouble(), 1e-12);
        assertEquals(3, ev.report().path("updates").asLong(), "the run's report is kept");
        assertEquals(m, ev.pairedTests().get("frozen_cls_logreg"));

        // a run stopped after one update and resumed ends where the uninterrupted one did
        Path stopped = tmp.resolve("stopped");
        FineTuningStudy.Options quick = options.withFrozenBaseline(false);
        FineTuningStudy.Result part = new FineTuningStudy(model, tok, dir.resolve("vocab.txt"), "tiny", task, quick.withStopAfter(1)).run(stopped);
        assertFalse(part.complete());
        assertTrue(part.pairedTests().isEmpty());
        FineTuningStudy.Result resumed = new FineTuningStudy(model, tok, dir.resolve("vocab.txt"), "tiny", task, quick.withResume(true)).run(stopped);
        assertEquals(r.devScore(), resumed.devScore(), 0.0);
        assertEquals(3, resumed.updates());

        // the analyses on the fine-tuned model and the task's dev subset
        BertModel ft = BertModel.load(r.modelDir());
        DevSample dev = DevSample.of(task, tok, 20, 32, 42);
        HeadDisablingStudy.Result dis = HeadDisablingStudy.run(ft, "ft", dev, s -> {});
        assertEquals(8, dis.ranked().size());
        assertEquals(2, dis.layers().size());
        for (HeadDisablingStudy.LayerChange c : dis.layers()) {
            assertEquals(dis.layerChange()[c.layer() - 1], c.uncertainty().change(), 1e-12);
            assertTrue(c.uncertainty().low() <= c.uncertainty().change() && c.uncertainty().change() <= c.uncertainty().high());
        }
        HeadDisablingStudy.Result layersOnly = HeadDisablingStudy.run(ft, "ft", dev, false, 42, s -> {});
        assertTrue(layersOnly.ranked().isEmpty());
        assertEquals(dis.layers(), layersOnly.layers());
        assertFalse(layersOnly.toJson().containsKey("heads_ranked_by_change"));
        assertEquals(dis.ranked().get(0).change(), dis.headChange()[dis.ranked().get(0).layer() - 1][dis.ranked().get(0).head() - 1], 0.0);
        assertThrows(IllegalArgumentException.class, () -> HeadDisablingStudy.run(model, "tiny", dev, s -> {}),
                "the pre-trained model has no classifier");
        AttentionChangeStudy.Result same = AttentionChangeStudy.run(model, "tiny", model, "tiny", dev);
        for (double c : same.perLayer()) assertEquals(1.0, c, 1e-12);
        PatternStudy.Result pat = PatternStudy.run(model, "tiny", dev);
        assertEquals(dev.examples().size(), pat.examples());
        double total = pat.overallShare().values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(1.0, total, 1e-12);
        var grid = PatternStudy.sensitivity(model, dev, PatternStudy.thresholdGrid());
        assertEquals(9, grid.size());
        assertEquals(pat.overallShare(), grid.get(PatternRule.standard()), "the standard rule inside the grid gives the study's shares");
        TokenClassStudy.Result tc = TokenClassStudy.run(model, "tiny", dev);
        assertEquals(dev.examples().size(), (long) tc.examples().get(TokenClass.CLS));
        ClsAttentionStudy.Result cls = ClsAttentionStudy.run(model, "tiny", dev);
        for (int l = 0; l < 2; l++) {
            double mass = 0, argmax = 0;
            for (ClsTarget c : ClsTarget.values()) {
                mass += cls.massPerLayer()[l][c.ordinal()];
                argmax += cls.argmaxShare()[l][c.ordinal()];
            }
            assertEquals(1.0, mass, 1e-5, "the [CLS] row's mass over the categories, layer " + l);
            assertEquals(1.0, argmax, 1e-12);
        }
        TokenToTokenStudy.Result links = TokenToTokenStudy.run(model, "tiny", dev);
        TokenToTokenStudy.Relation vs = links.relations().get(TokenRelation.VERB_TO_SUBJECT);
        assertTrue(vs.examples() > 0 && vs.links() >= vs.examples() && vs.adjacentLinks() <= vs.links(), vs.toJson().toString());
        assertEquals(TokenToTokenStudy.TOP, vs.top().size());
        assertTrue(vs.top().get(0).score() >= vs.top().get(1).score());
        TokenClassStudy.Result rowMax = TokenClassStudy.run(model, "tiny", dev, TokenClassScore.ROW_MAX);
        // [CLS] is one token: the row maximum is n times the paper's score on every example, so the means differ
        assertTrue(rowMax.scores().get(TokenClass.CLS)[0][0] > tc.scores().get(TokenClass.CLS)[0][0]);
        List<Path> written = new java.util.ArrayList<>(pat.write(tmp.resolve("pat"), true));
        written.addAll(cls.write(tmp.resolve("cls"), true));
        written.addAll(links.write(tmp.resolve("links"), true));
        written.addAll(tc.write(tmp.resolve("tc"), true));
        written.addAll(dis.write(tmp.resolve("dis"), true));
        written.addAll(same.write(tmp.resolve("ac"), false));
        assertEquals(List.of("pat/patterns.json", "pat/patterns.png", "cls/cls-attention.json", "cls/cls-attention.png",
                "links/token-to-token.json", "links/token-to-token.png", "tc/token-classes.json", "tc/token-classes.png",
                "dis/disable-heads.json", "dis/disable-heads.png", "dis/disable-layers.png", "ac/attention-change.json"),
                written.stream().map(f -> tmp.relativize(f).toString()).toList());
        for (Path f : written) assertTrue(Files.isRegularFile(f), f.toString());
    }
}
