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

    /**
     * One head's accuracy when disabled (layer and head 1-based) and its change against the unmodified model, with
     * the change's uncertainty ({@link PairedChange}: exact McNemar test and bootstrap interval).
     */
    public record HeadChange(int layer, int head, double accuracy, double change, PairedChange uncertainty) {
        Map<String, Object> toJson() {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("layer", layer);
            e.put("head", head);
            e.put("accuracy", accuracy);
            e.putAll(uncertainty.toJson());
            return e;
        }

        /** {@code {layer=L, head=H, accuracy=A, change=C, ...}}, as in reports. */
        @Override
        public String toString() { return toJson().toString(); }
    }

    /** A whole layer's accuracy when all its heads are disabled (layer 1-based), with the change's uncertainty. */
    public record LayerChange(int layer, double accuracy, PairedChange uncertainty) {
        Map<String, Object> toJson() {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("layer", layer);
            e.put("accuracy", accuracy);
            e.putAll(uncertainty.toJson());
            return e;
        }
    }

    /**
     * The study's outcome.
     *
     * @param modelIdentity the model's identity
     * @param task          the task's name
     * @param devExamples   dev examples evaluated
     * @param accuracies    the accuracies and predictions ({@link HeadDisabling.Result})
     * @param ranked        every head, largest accuracy gain first (empty without single-head runs)
     * @param layers        every layer, in order
     * @param seed          the bootstrap's seed
     */
    public record Result(String modelIdentity, String task, int devExamples, HeadDisabling.Result accuracies,
                         List<HeadChange> ranked, List<LayerChange> layers, long seed) {
        public Result {
            ranked = List.copyOf(ranked);
            layers = List.copyOf(layers);
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

        /** Heads whose change is significant by the exact McNemar test at {@code alpha}, each on its own. */
        public long headsSignificant(double alpha) { return ranked.stream().filter(e -> e.uncertainty().significant(alpha)).count(); }

        /** Heads whose change Holm's procedure keeps at family-wise level {@code alpha} over all tested heads. */
        public int headsSignificantHolm(double alpha) {
            return PairedChange.holmRejections(ranked.stream().mapToDouble(e -> e.uncertainty().test().pValue()).toArray(), alpha);
        }

        /** The disable-heads.json content. */
        public Map<String, Object> toJson() {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("model", modelIdentity);
            report.put("task", task);
            report.put("dev_examples", devExamples);
            report.put("baseline_accuracy", accuracies.baseline());
            report.put("uncertainty", "per change: exact McNemar test of the disabled against the intact model on the same "
                    + "examples, and a " + Math.round(100 * PairedChange.LEVEL) + "% percentile bootstrap interval ("
                    + PairedChange.REPLICATES + " paired resamples of the examples, seed " + seed + ")");
            report.put("layers", layers.stream().map(LayerChange::toJson).toList());
            report.put("layer_disabled_accuracy", accuracies.layerDisabled());
            if (accuracies.hasHeads()) {
                report.put("heads_ranked_by_change", ranked.stream().map(HeadChange::toJson).toList());
                report.put("head_disabled_accuracy", accuracies.headDisabled());
                report.put("heads_improving_accuracy", headsImproving());
                report.put("heads_significant_p05", headsSignificant(0.05));
                report.put("heads_significant_holm05", headsSignificantHolm(0.05));
            }
            return report;
        }

        /**
         * Writes {@code disable-heads.json} and, with {@code plots}, the accuracy changes per head
         * ({@code disable-heads.png}) and per layer ({@code disable-layers.png}) into {@code dir}; returns the files.
         */
        public List<Path> write(Path dir, boolean plots) throws IOException {
            List<Path> files = StudyFiles.json(dir, "disable-heads.json", toJson());
            if (plots && !accuracies.hasHeads()) {
                files.add(StudyFiles.grid(dir.resolve("disable-layers.png"), List.of("accuracy change, layer disabled"),
                        List.<double[][]>of(new double[][]{layerChange()}), true, 1));
            } else if (plots) {
                files.add(StudyFiles.grid(dir.resolve("disable-heads.png"), List.of("accuracy change, head disabled (baseline "
                        + String.format("%.3f", accuracies.baseline()) + ")"), List.<double[][]>of(headChange()), true, 1));
                files.add(StudyFiles.grid(dir.resolve("disable-layers.png"), List.of("accuracy change, layer disabled"),
                        List.<double[][]>of(new double[][]{layerChange()}), true, 1));
            }
            return files;
        }
    }

    /** Runs the L·H single-head and L whole-layer evaluations (bootstrap seed 42). */
    public static Result run(BertModel model, String modelIdentity, DevSample dev, Consumer<String> log) {
        return run(model, modelIdentity, dev, true, 42, log);
    }

    /**
     * Runs the L whole-layer evaluations and, with {@code heads}, the L·H single-head ones; each change gets its
     * McNemar test and bootstrap interval ({@link PairedChange}, drawn from {@code seed}).
     *
     * @param model a fine-tuned classifier with as many labels as the task
     * @param log   progress lines ("run 12/156, 40s left")
     * @throws IllegalArgumentException when the model has no sequence-classification head or another label count
     */
    public static Result run(BertModel model, String modelIdentity, DevSample dev, boolean heads, long seed, Consumer<String> log) {
        if (!model.hasHead(HeadType.SEQUENCE_CLASSIFICATION)) {
            throw new IllegalArgumentException("model " + modelIdentity + " has no sequence-classification head; give a fine-tuned model (finetune's OUT/model)");
        }
        if (model.config().numLabels() != dev.task().labels().size()) {
            throw new IllegalArgumentException("the model has " + model.config().numLabels() + " labels, task " + dev.task().name()
                    + " has " + dev.task().labels().size());
        }
        HeadDisabling study = new HeadDisabling(model, dev.examples(), 16);
        int layers = model.config().numHiddenLayers(), perLayer = model.config().numAttentionHeads();
        int runs = (heads ? layers * perLayer : 0) + layers;
        long t0 = System.nanoTime();
        HeadDisabling.Result r = study.run(done -> {
            double s = (System.nanoTime() - t0) / 1e9;
            if (done % perLayer == 0 || done == runs || !heads) {
                log.accept(String.format("run %d/%d, %.0fs left", done, runs, s / done * (runs - done)));
            }
        }, heads);
        int[] gold = study.gold(), base = r.baselinePredictions();
        List<HeadChange> ranked = new ArrayList<>();
        if (heads) {
            for (int l = 0; l < layers; l++) {
                for (int h = 0; h < perLayer; h++) {
                    PairedChange c = PairedChange.of(gold, base, r.headPredictions()[l][h], PairedChange.REPLICATES,
                            PairedChange.LEVEL, seed + 1000L * (l + 1) + h);
                    ranked.add(new HeadChange(l + 1, h + 1, r.headDisabled()[l][h], r.headDisabled()[l][h] - r.baseline(), c));
                }
            }
            ranked.sort(Comparator.comparingDouble(e -> -e.change()));
        }
        List<LayerChange> perLayerChange = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            perLayerChange.add(new LayerChange(l + 1, r.layerDisabled()[l], PairedChange.of(gold, base, r.layerPredictions()[l],
                    PairedChange.REPLICATES, PairedChange.LEVEL, seed + l + 1)));
        }
        return new Result(modelIdentity, dev.task().name(), dev.examples().size(), r, ranked, perLayerChange, seed);
    }
}
