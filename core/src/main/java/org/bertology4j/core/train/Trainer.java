package org.bertology4j.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.core.grad.Backprop;
import org.bertology4j.core.grad.GradientRequest;
import org.bertology4j.core.grad.ParameterGradients;
import org.bertology4j.core.grad.Loss;
import org.bertology4j.core.layers.Gelu;
import org.bertology4j.core.layers.Linear;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.LoadOptions;
import org.bertology4j.core.model.TraceOptions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fine-tunes BERT with a {@link TrainingHead}: a whole {@code BertForSequenceClassification} (encoder, pooler,
 * classifier; pooled-output dropout) or {@code BertForQuestionAnswering} (encoder, {@code qa_outputs}; the span loss),
 * or the head alone on a frozen encoder ({@link Scope#HEAD_ONLY}). AdamW, linear warm-up and decay, global-norm
 * gradient clipping, seeded batching by length. Every random choice is a function of (seed, epoch) or (seed, step),
 * so a run resumed from a checkpoint replays exactly the batches and dropout masks of an uninterrupted run.
 * Training updates the model's weight arrays in place: give it a model nobody else is using.
 */
public final class Trainer {
    /** What is trained. */
    public enum Scope {
        /** The encoder and the head. */
        WHOLE_MODEL,
        /** The head's layers on a frozen encoder: a forward and the head's backward per update. */
        HEAD_ONLY
    }

    private final ModelParameters params;
    private final AdamW optimizer;
    private final TrainingConfig config;
    private final TrainingHead head;
    private final Scope scope;
    private final Path vocab;
    private final ParameterGradients grads;
    private final Backprop backprop;
    private final List<Double> devScores = new ArrayList<>();
    private long step;
    private long stopAfter;
    private Long expectedFingerprint;

    private Trainer(BertModel model, TrainingConfig config, TrainingHead head, Scope scope, Path vocab) {
        if (head instanceof TrainingHead.Classifier c && model.config().numLabels() != c.labels().size()) {
            throw new IllegalArgumentException("the model has " + model.config().numLabels() + " outputs but "
                    + c.labels().size() + " labels were given");
        }
        this.params = new ModelParameters(model, head, scope == Scope.HEAD_ONLY);
        this.optimizer = new AdamW(params.list(), 0.9, 0.999, 1e-6, config.weightDecay());
        this.config = config;
        this.head = head;
        this.scope = scope;
        this.vocab = vocab;
        if (config.dropout() < 0 || config.dropout() >= 1) throw new IllegalArgumentException("dropout must be in [0, 1), got " + config.dropout());
        this.grads = ParameterGradients.of(model);
        this.backprop = new Backprop(model);
        accumulators();   // creates the heads' accumulators now, so that each step's zero() is a lazy one (see Linear.Grad)
        this.stopAfter = config.stopAfterSteps();
    }

    /**
     * A new run on {@code model} (which must have a classifier: see {@link ModelParameters#withNewClassifier}).
     *
     * @param labels label names (one name, e.g. "score", for regression)
     * @param vocab  vocab.txt copied into every checkpoint, or null
     */
    public static Trainer start(BertModel model, TrainingConfig config, List<String> labels, Path vocab) {
        return start(model, config, TrainingHead.classifier(labels), Scope.WHOLE_MODEL, vocab);
    }

    /**
     * A new run of {@code head} on {@code model}, which must have the head's layers (see
     * {@link ModelParameters#withNewClassifier}, {@link ModelParameters#withNewSpanHead}).
     *
     * @param vocab vocab.txt copied into every checkpoint (with the tokenizer_config.json beside it), or null
     */
    public static Trainer start(BertModel model, TrainingConfig config, TrainingHead head, Scope scope, Path vocab) {
        return new Trainer(model, config, head, scope, vocab);
    }

    /** Continues the run saved in {@code checkpoint} (a {@code step-N} directory) with the same hyper-parameters. */
    public static Trainer resume(Path checkpoint, DataType dataType) throws IOException {
        JsonNode s = Checkpoints.readState(checkpoint);
        JsonNode c = s.path("config");
        TrainingConfig cfg = new TrainingConfig(c.path("epochs").asInt(), c.path("batchSize").asInt(),
                c.path("learningRate").asDouble(), c.path("warmupFraction").asDouble(), c.path("weightDecay").asDouble(),
                c.path("clipNorm").asDouble(), c.path("dropout").asDouble(), c.path("seed").asLong(),
                c.path("checkpointEvery").asInt(), -1);
        Gelu.Form gelu = Gelu.Form.valueOf(s.path("gelu").asText("ERF"));
        BertModel model = Checkpoints.loadModel(checkpoint, LoadOptions.of(dataType).withHiddenAct(gelu.hiddenAct()));
        String kind = s.path("head").asText("sequence-classification");
        TrainingHead head = switch (kind) {
            case "sequence-classification" -> TrainingHead.classifier(Checkpoints.labels(checkpoint.resolve("config.json")));
            case "question-answering" -> TrainingHead.span();
            default -> throw new IOException(checkpoint.resolve(Checkpoints.STATE) + ": unknown head '" + kind + "'");
        };
        Scope scope = Scope.valueOf(s.path("scope").asText(Scope.WHOLE_MODEL.name()));
        Path vocab = Files.isRegularFile(checkpoint.resolve("vocab.txt")) ? checkpoint.resolve("vocab.txt") : null;
        Trainer t = new Trainer(model, cfg, head, scope, vocab);
        t.step = s.path("step").asLong();
        Checkpoints.readOptimizer(checkpoint, t.params, t.optimizer, s.path("optimizerSteps").asLong());
        t.expectedFingerprint = s.path("trainFingerprint").asLong();
        for (JsonNode d : s.path("devScores")) t.devScores.add(d.asDouble());
        return t;
    }

    /** Stops (with a checkpoint) once this many updates are done in total; −1 runs to the end. */
    public Trainer stopAfter(long steps) {
        this.stopAfter = steps;
        return this;
    }

    public BertModel model() { return params.model(); }
    public ModelParameters parameters() { return params; }
    public TrainingConfig config() { return config; }
    /** The head trained. */
    public TrainingHead head() { return head; }
    /** What is trained. */
    public Scope scope() { return scope; }
    /** Label names of a classifier (empty for other heads). */
    public List<String> labels() { return head.labels(); }
    /** Updates done. */
    public long step() { return step; }
    /** Dev score after each finished epoch. */
    public List<Double> devScores() { return List.copyOf(devScores); }

    /**
     * Trains to the end (or to {@link #stopAfter}), writing checkpoints under {@code checkpointsDir}
     * ({@code step-N} directories; null: none).
     *
     * @return true when all epochs are done, false when stopped early
     * @throws IllegalArgumentException when resuming on a different training set than the checkpoint's
     */
    public boolean train(List<TrainingExample> train, List<TrainingExample> dev, Path checkpointsDir,
                         TrainingListener listener) throws IOException {
        if (train.isEmpty()) throw new IllegalArgumentException("the training set is empty");
        long fp = fingerprint(train);
        if (expectedFingerprint != null && expectedFingerprint != fp) {
            throw new IllegalArgumentException("the training set differs from the one of the checkpoint being resumed "
                    + "(fingerprint " + fp + " vs " + expectedFingerprint + "); use the same task, split and --max-train");
        }
        expectedFingerprint = fp;
        LengthBatcher batcher = new LengthBatcher(config.batchSize(), 50);
        int perEpoch = batcher.batchesPerEpoch(train.size());
        long total = (long) perEpoch * config.epochs();
        LinearSchedule schedule = new LinearSchedule(config.learningRate(), Math.round(config.warmupFraction() * total), total);
        long startStep = step, t0 = System.nanoTime(), seen = 0;
        for (int epoch = (int) (step / perEpoch); epoch < config.epochs(); epoch++) {
            List<int[]> plan = batcher.plan(train, config.seed(), epoch);
            for (int bi = (int) (step - (long) epoch * perEpoch); bi < perEpoch; bi++) {
                if (stopAfter >= 0 && step >= stopAfter) {
                    if (checkpointsDir != null) checkpoint(checkpointsDir, fp);
                    return false;
                }
                int[] idx = plan.get(bi);
                grads.zero();
                Loss loss = head.loss(train, idx, config, step);
                double l;
                if (scope == Scope.HEAD_ONLY) {
                    ForwardTrace trace = model().forward(LengthBatcher.input(train, idx));
                    l = loss.evaluate(model(), trace, grads).value();   // the head's gradients; nothing below h_L
                } else {
                    l = backprop.compute(model().forward(LengthBatcher.input(train, idx), TraceOptions.builder().keepCaches().build()),
                            loss, PARAMETERS, grads).loss();
                }
                if (!Double.isFinite(l)) throw new IllegalStateException("loss became " + l + " at update " + (step + 1));
                List<INDArray> g = accumulators();
                if (config.clipNorm() > 0) {
                    double norm = globalNorm(g);
                    if (norm > config.clipNorm()) for (INDArray a : g) a.muli(config.clipNorm() / norm);
                }
                step++;
                optimizer.step(g, schedule.at(step));
                seen += idx.length;
                double secs = (System.nanoTime() - t0) / 1e9;
                double rate = seen / Math.max(secs, 1e-9);
                double left = (total - step) * (secs / (step - startStep));
                listener.onStep(step, total, l, rate, left);
                if (checkpointsDir != null && config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0
                        && step % perEpoch != 0) {
                    checkpoint(checkpointsDir, fp);
                }
            }
            double score = devScore(dev);
            devScores.add(score);
            listener.onEpoch(epoch + 1, score);
            if (checkpointsDir != null) checkpoint(checkpointsDir, fp);
        }
        return true;
    }

    private static final GradientRequest PARAMETERS = new GradientRequest(true, false);

    /** The gradient accumulators after a backward, pending lazy zeros written, aligned with the parameters. */
    private List<INDArray> accumulators() {
        List<Map.Entry<String, Linear>> heads = new ArrayList<>();
        for (TrainingHead.Layer l : params.headLayers()) heads.add(Map.entry(l.tensorPrefix(), l.layer()));
        return scope == Scope.HEAD_ONLY ? grads.headAccumulators(heads) : grads.accumulators(heads);
    }

    /** Global L2 norm over all accumulators. */
    private static double globalNorm(List<INDArray> arrays) {
        double s = 0;
        for (INDArray a : arrays) {
            double n = a.norm2Number().doubleValue();
            s += n * n;
        }
        return Math.sqrt(s);
    }

    /** The head's dev score ({@link TrainingHead#devScore}: accuracy, −MSE for regression, span accuracy; NaN without a dev set). */
    public double devScore(List<TrainingExample> dev) {
        return head.devScore(model(), dev);
    }

    /** Writes the model directory (no optimizer state) atomically at {@code dir}. */
    public void saveModel(Path dir) throws IOException {
        Checkpoints.writeModel(dir, params, head, vocab);
    }

    /** Writes the model's files into {@code dir} beside what it holds, each file atomically ({@link Checkpoints#writeModelInto}). */
    public void saveModelInto(Path dir) throws IOException {
        Checkpoints.writeModelInto(dir, params, head, vocab);
    }

    private void checkpoint(Path checkpointsDir, long fp) throws IOException {
        ObjectNode s = Checkpoints.JSON.createObjectNode();
        s.put("step", step);
        s.put("optimizerSteps", optimizer.steps());
        s.put("trainFingerprint", fp);
        s.put("gelu", model().weights().gelu().name());
        s.put("head", head.kind());
        s.put("scope", scope.name());
        s.set("config", Checkpoints.JSON.valueToTree(config));
        ArrayNode d = s.putArray("devScores");
        devScores.forEach(d::add);
        Checkpoints.writeCheckpoint(checkpointsDir.resolve(String.format("step-%06d", step)), params, optimizer, s, head, vocab);
    }

    /** A hash of the examples' ids, segments, labels, targets and spans (those that have one), in order. */
    static long fingerprint(List<TrainingExample> examples) {
        long h = 1125899906842597L;
        for (TrainingExample e : examples) {
            for (int id : e.ids()) h = 31 * h + id;
            for (int s : e.segmentIds()) h = 31 * h + s;
            h = 31 * h + e.label();
            h = 31 * h + Double.hashCode(e.target());
            if (e.hasSpan()) h = 31 * (31 * h + e.spanStart()) + e.spanEnd();
        }
        return h;
    }
}
