package org.bertology4j.cli;

import org.bertology4j.analysis.kovaleva.HeadDisabling;
import org.bertology4j.analysis.tasks.ClassificationTask;
import org.bertology4j.analysis.tasks.TaskEncoder;
import org.bertology4j.core.heads.HeadType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code disable-heads}: dev accuracy with each head (and each whole layer) disabled, heads ranked by the change. */
@Command(name = "disable-heads", mixinStandardHelpOptions = true,
        description = "Disable each head (uniform attention) and each layer of a fine-tuned classifier; rank heads by the accuracy change.")
public final class DisableHeadsCommand implements Callable<Integer> {
    @Mixin ModelOption modelOption;
    @Mixin KovalevaTaskOptions taskOptions;

    @Override
    public Integer call() throws Exception {
        LoadedModel m = LoadedModel.open(modelOption);
        if (!m.model().hasHead(HeadType.SEQUENCE_CLASSIFICATION)) {
            throw new IllegalArgumentException("model " + m.directory().path() + " has no sequence-classification head; give a fine-tuned model (finetune's OUT/model)");
        }
        ClassificationTask t = taskOptions.task();
        if (m.model().config().numLabels() != t.labels().size()) {
            throw new IllegalArgumentException("the model has " + m.model().config().numLabels() + " labels, task " + t.name()
                    + " has " + t.labels().size());
        }
        TaskEncoder.Encoded dev = taskOptions.dev(t, m.tokenizer());
        HeadDisabling study = new HeadDisabling(m.model(), dev.examples(), 16);
        int layers = m.model().config().numHiddenLayers(), heads = m.model().config().numAttentionHeads();
        int runs = layers * heads + layers;
        long t0 = System.nanoTime();
        HeadDisabling.Result r = study.run(done -> {
            double s = (System.nanoTime() - t0) / 1e9;
            if (done % heads == 0 || done == runs) {
                System.err.printf("run %d/%d, %.0fs left%n", done, runs, s / done * (runs - done));
            }
        });
        List<Map<String, Object>> ranked = new ArrayList<>();
        double[][] delta = new double[layers][heads];
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                delta[l][h] = r.headDisabled()[l][h] - r.baseline();
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("layer", l + 1);
                e.put("head", h + 1);
                e.put("accuracy", r.headDisabled()[l][h]);
                e.put("change", delta[l][h]);
                ranked.add(e);
            }
        }
        ranked.sort(Comparator.comparingDouble(e -> -(double) e.get("change")));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", m.identity());
        report.put("task", t.name());
        report.put("dev_examples", dev.examples().size());
        report.put("baseline_accuracy", r.baseline());
        report.put("heads_ranked_by_change", ranked);
        double[][] layerDelta = new double[1][layers];
        for (int l = 0; l < layers; l++) layerDelta[0][l] = r.layerDisabled()[l] - r.baseline();
        report.put("layer_disabled_accuracy", r.layerDisabled());
        report.put("head_disabled_accuracy", r.headDisabled());
        long better = ranked.stream().filter(e -> (double) e.get("change") > 0).count();
        report.put("heads_improving_accuracy", better);
        Files.createDirectories(taskOptions.out);
        Json.write(taskOptions.out.resolve("disable-heads.json"), report);
        HeadGrids.write(taskOptions.out.resolve("disable-heads.png"),
                List.of("accuracy change, head disabled (baseline " + String.format("%.3f", r.baseline()) + ")"),
                List.<double[][]>of(delta), true, 1);
        HeadGrids.write(taskOptions.out.resolve("disable-layers.png"), List.of("accuracy change, layer disabled"),
                List.<double[][]>of(layerDelta), true, 1);
        System.out.printf("baseline %.4f; %d of %d heads improve accuracy when disabled; best %s%n", r.baseline(), better,
                layers * heads, ranked.get(0));
        return 0;
    }
}
