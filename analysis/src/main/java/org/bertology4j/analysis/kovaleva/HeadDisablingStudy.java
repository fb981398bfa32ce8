package org.bertology4j.analysis.kovaleva;

import org.bertology4j.analysis.tasks.DevSample;
import org.bertology4j.core.heads.HeadType;
import org.bertology4j.core.model.BertModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Kovaleva et al.'s head disabling: dev accuracy of a fine-tuned classifier with each head (and each whole layer)
 * disabled ({@link HeadDisabling}), heads ranked by the change.
 *
 * <pre>{@code
 * BertModel finetuned = BertModel.load(out.resolve("model"));
 * HeadDisablingStudy.Result r = HeadDisablingStudy.run(finetuned, "gum-genre model", dev, line -> {});
 * long better = r.headsImproving();
 * r.write(out); // disable-heads.json
 * }</pre>
 */
public final class HeadDisablingStudy {
    private HeadDisablingStudy() {}

    /** One head's accuracy when disabled (layer and head 1-based) and its change against the unmodified model. */
    public record HeadChange(int layer, int head, double accuracy, double change) {
        Map<String, Object> toJson() {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("layer", layer);
            e.put("head", head);
            e.put("accuracy", accuracy);
            e.put("change", change);
            return e;
        }

        /** {@code {layer=L, head=H, accuracy=A, change=C}}, as in reports. */
        @Override
        public String toString() { return toJson().toString(); }
    }

    /**
     * The study's outcome.
     *
     * @param modelIdentity the model's identity
     * @param task          the task's name
     * @param devExamples   dev examples evaluated
     * @param accuracies    the accuracies ({@link HeadDisabling.Result})
     * @param ranked        every head, largest accuracy gain first
     */
    public record Result(String modelIdentity, String task, int devExamples, HeadDisabling.Result accuracies,
                         List<HeadChange> ranked) {
        public Result {
            ranked = List.copyOf(ranked);
        }

        /** Accuracy change [layer][head] when the head is disabled. */
        public double[][] headChange() {
            double[][] a = accuracies.headDisabled();
            double[][] d = new double[a.length][];
            for (int l = 0; l < a.length; l++) {
                d[l] = new double[a[l].length];
                for (int h = 0; h < d[l].length; h++) d[l][h] = a[l][h] - accuracies.baseline();
            }
            return d;
        }

        /** Accuracy change per layer when all its heads are disabled. */
        public double[] layerChange() {
            double[] a = accuracies.layerDisabled(), d = new double[a.length];
            for (int l = 0; l < a.length; l++) d[l] = a[l] - accuracies.baseline();
            return d;
        }

        /** Heads whose disabling improves accuracy. */
        public long headsImproving() { return ranked.stream().filter(e -> e.change() > 0).count(); }

        /** The disable-heads.json content. */
        public Map<String, Object> toJson() {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("model", modelIdentity);
            report.put("task", task);
            report.put("dev_examples", devExamples);
            report.put("baseline_accuracy", accuracies.baseline());
            report.put("heads_ranked_by_change", ranked.stream().map(HeadChange::toJson).toList());
            report.put("layer_disabled_accuracy", accuracies.layerDisabled());
            report.put("head_disabled_accuracy", accuracies.headDisabled());
            report.put("heads_improving_accuracy", headsImproving());
            return report;
        }

        /**
         * Writes {@code disable-heads.json} and, with {@code plots}, the accuracy changes per head
         * ({@code disable-heads.png}) and per layer ({@code disable-layers.png}) into {@code dir}; returns the files.
         */
        public List<Path> write(Path dir, boolean plots) throws IOException {
            List<Path> files = StudyFiles.json(dir, "disable-heads.json", toJson());
            if (plots) {
                files.add(StudyFiles.grid(dir.resolve("disable-heads.png"), List.of("accuracy change, head disabled (baseline "
                        + String.format("%.3f", accuracies.baseline()) + ")"), List.<double[][]>of(headChange()), true, 1));
                files.add(StudyFiles.grid(dir.resolve("disable-layers.png"), List.of("accuracy change, layer disabled"),
                        List.<double[][]>of(new double[][]{layerChange()}), true, 1));
            }
            return files;
        }
    }

    /**
     * Runs the L·H single-head and L whole-layer evaluations.
     *
     * @param model a fine-tuned classifier with as many labels as the task
     * @param log   progress lines ("run 12/156, 40s left")
     * @throws IllegalArgumentException when the model has no sequence-classification head or another label count
     */
    public static Result run(BertModel model, String modelIdentity, DevSample dev, Consumer<String> log) {
        if (!model.hasHead(HeadType.SEQUENCE_CLASSIFICATION)) {
            throw new IllegalArgumentException("model " + modelIdentity + " has no sequence-classification head; give a fine-tuned model (finetune's OUT/model)");
        }
        if (model.config().numLabels() != dev.task().labels().size()) {
            throw new IllegalArgumentException("the model has " + model.config().numLabels() + " labels, task " + dev.task().name()
                    + " has " + dev.task().labels().size());
        }
        HeadDisabling study = new HeadDisabling(model, dev.examples(), 16);
        int layers = model.config().numHiddenLayers(), heads = model.config().numAttentionHeads();
        int runs = layers * heads + layers;
        long t0 = System.nanoTime();
        HeadDisabling.Result r = study.run(done -> {
            double s = (System.nanoTime() - t0) / 1e9;
            if (done % heads == 0 || done == runs) log.accept(String.format("run %d/%d, %.0fs left", done, runs, s / done * (runs - done)));
        });
        List<HeadChange> ranked = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                ranked.add(new HeadChange(l + 1, h + 1, r.headDisabled()[l][h], r.headDisabled()[l][h] - r.baseline()));
            }
        }
        ranked.sort(Comparator.comparingDouble(e -> -e.change()));
        return new Result(modelIdentity, dev.task().name(), dev.examples().size(), r, ranked);
    }
}
