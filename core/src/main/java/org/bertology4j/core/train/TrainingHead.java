package org.bertology4j.core.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bertology4j.core.grad.Loss;
import org.bertology4j.core.grad.SequenceClassificationLoss;
import org.bertology4j.core.grad.SpanLoss;
import org.bertology4j.core.heads.SpanLogits;
import org.bertology4j.core.layers.Linear;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.BertWeights;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.weights.BertConfig;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a {@link Trainer} fine-tunes on top of the encoder: a sequence classifier ({@link #classifier}: pooler and
 * classifier, Hugging Face's {@code BertForSequenceClassification}) or a span predictor ({@link #span}: start/end
 * logits from {@code qa_outputs}, {@code BertForQuestionAnswering}). The head decides the loss of a batch, which
 * dense layers it trains, the dev score and the {@code config.json} of the saved directory; the encoder, the
 * optimizer, the schedule, batching and checkpoints are the trainer's, the same for every head.
 */
public sealed interface TrainingHead permits TrainingHead.Classifier, TrainingHead.Span {

    /** A sequence classifier with these label names (one name, e.g. "score", for regression). */
    static TrainingHead classifier(List<String> labels) { return new Classifier(labels); }

    /** Span prediction (question answering): examples carry {@link TrainingExample#spanStart()}/{@code spanEnd()}. */
    static TrainingHead span() { return new Span(); }

    /**
     * A dense layer of the head.
     *
     * @param parameterName the stable name of its parameters in the optimizer state ({@code NAME.weightT}, {@code NAME.bias})
     * @param tensorPrefix  its Hugging Face tensor prefix ({@code classifier}, {@code qa_outputs}, ...)
     * @param layer         the live layer
     */
    record Layer(String parameterName, String tensorPrefix, Linear layer) {}

    /** The name written into {@code trainer_state.json} ({@code sequence-classification}, {@code question-answering}). */
    String kind();

    /**
     * The trained dense layers of the head in parameter order.
     *
     * @throws IllegalStateException naming what the model lacks
     */
    List<Layer> layers(BertWeights weights);

    /** The loss of the batch {@code batch} (indices into {@code examples}) at update {@code step} (0-based). */
    Loss loss(List<TrainingExample> examples, int[] batch, TrainingConfig config, long step);

    /** The score reported after each epoch (accuracy, −MSE, span accuracy); NaN without dev examples. */
    double devScore(BertModel model, List<TrainingExample> dev);

    /** The {@code config.json} of a saved model directory. */
    String configJson(BertConfig config) throws IOException;

    /** Label names of a classifier, empty for other heads. */
    default List<String> labels() { return List.of(); }

    /** Pooler and classifier; labels named in {@code config.json} ({@code id2label}, {@code label2id}). */
    record Classifier(List<String> labels) implements TrainingHead {
        public Classifier {
            if (labels == null || labels.isEmpty()) throw new IllegalArgumentException("a classifier needs at least one label");
            labels = List.copyOf(labels);
        }

        @Override public String kind() { return "sequence-classification"; }

        @Override
        public List<Layer> layers(BertWeights w) { return layersOf(w); }

        /** Pooler and classifier of {@code w}, whatever the labels. */
        static List<Layer> layersOf(BertWeights w) {
            if (w.pooler() == null) throw new IllegalStateException("the model has no pooler (bert.pooler.dense.*) to train");
            if (w.classifier() == null) throw new IllegalStateException("the model has no classifier (classifier.*); add one with withNewClassifier");
            return List.of(new Layer("pooler", "bert.pooler.dense", w.pooler().dense()),
                    new Layer("classifier", "classifier", w.classifier()));
        }

        private boolean regression() { return labels.size() == 1; }

        @Override
        public Loss loss(List<TrainingExample> examples, int[] batch, TrainingConfig config, long step) {
            int[] y = new int[batch.length];
            double[] targets = regression() ? new double[batch.length] : null;
            for (int i = 0; i < batch.length; i++) {
                y[i] = examples.get(batch[i]).label();
                if (targets != null) targets[i] = examples.get(batch[i]).target();
            }
            return (targets == null ? new SequenceClassificationLoss(y) : SequenceClassificationLoss.regression(targets))
                    .withDropout(config.dropout(), config.seed() * 7_919L + step);
        }

        /** Dev accuracy, or −MSE for regression. */
        @Override
        public double devScore(BertModel model, List<TrainingExample> dev) {
            if (dev == null || dev.isEmpty()) return Double.NaN;
            if (!regression()) return ClassifierEvaluation.accuracy(model, dev, 32, TraceOptions.none());
            double[][] out = ClassifierEvaluation.logits(model, dev, 32, TraceOptions.none());
            double se = 0;
            for (int i = 0; i < out.length; i++) se += Math.pow(out[i][0] - dev.get(i).target(), 2);
            return -se / out.length;
        }

        @Override
        public String configJson(BertConfig config) throws IOException { return Checkpoints.configJson(config, labels); }
    }

    /** {@code qa_outputs}: start and end logits per token, the span loss (no dropout). */
    record Span() implements TrainingHead {
        @Override public String kind() { return "question-answering"; }

        @Override
        public List<Layer> layers(BertWeights w) {
            if (w.qaOutputs() == null) {
                throw new IllegalStateException("the model has no question-answering head (qa_outputs.*); add one with ModelParameters.withNewSpanHead");
            }
            return List.of(new Layer("qa_outputs", "qa_outputs", w.qaOutputs()));
        }

        @Override
        public Loss loss(List<TrainingExample> examples, int[] batch, TrainingConfig config, long step) {
            int[] starts = new int[batch.length], ends = new int[batch.length];
            for (int i = 0; i < batch.length; i++) {
                TrainingExample e = examples.get(batch[i]);
                if (!e.hasSpan()) throw new IllegalArgumentException("training example " + batch[i] + " has no answer span");
                starts[i] = e.spanStart();
                ends[i] = e.spanEnd();
            }
            return new SpanLoss(starts, ends);
        }

        /** Share of dev examples whose most likely start and most likely end are both the gold ones. */
        @Override
        public double devScore(BertModel model, List<TrainingExample> dev) {
            if (dev == null || dev.isEmpty()) return Double.NaN;
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < dev.size(); i++) order.add(i);
            order.sort(Comparator.comparingInt(i -> dev.get(i).length()));
            int ok = 0;
            for (int s = 0; s < order.size(); s += 32) {
                int[] idx = order.subList(s, Math.min(order.size(), s + 32)).stream().mapToInt(Integer::intValue).toArray();
                SpanLogits l = model.questionAnsweringLogits(model.forward(LengthBatcher.input(dev, idx)));
                for (int b = 0; b < idx.length; b++) {
                    TrainingExample e = dev.get(idx[b]);
                    if (argmax(l.start().getRow(b).toDoubleVector(), e.length()) == e.spanStart()
                            && argmax(l.end().getRow(b).toDoubleVector(), e.length()) == e.spanEnd()) ok++;
                }
            }
            return ok / (double) dev.size();
        }

        private static int argmax(double[] v, int length) {
            int best = 0;
            for (int i = 1; i < length; i++) if (v[i] > v[best]) best = i;
            return best;
        }

        @Override
        public String configJson(BertConfig config) throws IOException {
            ObjectNode o = (ObjectNode) Checkpoints.JSON.readTree(config.withNumLabels(0).toJson());
            o.putArray("architectures").add("BertForQuestionAnswering");
            return Checkpoints.JSON.writeValueAsString(o);
        }
    }
}
