package org.bertology4j.core.train;

import org.bertology4j.core.grad.Backprop;
import org.bertology4j.core.grad.GradientRequest;
import org.bertology4j.core.grad.Loss;
import org.bertology4j.core.grad.ParameterGradients;
import org.bertology4j.core.grad.SequenceClassificationLoss;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.TraceOptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The parameter gradients of one training step (the trainer's loss, accumulators and backward) equal central finite
 * differences of the loss, for every parameter: classification with dropout (the mask is fixed by its seed),
 * regression, and the span loss of question answering through {@code qa_outputs} (answers and "no answer" at [CLS]).
 */
class GradientCheckTest {

    @Test
    void classificationWithDropout() {
        List<TrainingExample> ex = TrainingFixtures.synthetic(3, 5);  // different lengths: padding is exercised
        int[] labels = {ex.get(0).label(), ex.get(1).label(), ex.get(2).label()};
        check(TrainingFixtures.tinyClassifier(11), ex, new SequenceClassificationLoss(labels).withDropout(0.3, 17),
                TrainingHead.classifier(List.of("a", "b", "c")));
    }

    /** An intermediate width of 1024 makes the FFN up-projection store its weight [out, in] (Linear's stride rule). */
    @Test
    void classificationWithAnOutInLayer() {
        List<TrainingExample> ex = TrainingFixtures.synthetic(3, 8);
        BertModel model = BertModel.random(new org.bertology4j.weights.BertConfig(50, 16, 1, 4, 1024, "gelu", 24, 2, 1e-12, 3),
                13, org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        assertTrue(model.weights().layer(0).intermediate().storedOutIn());
        int[] labels = {ex.get(0).label(), ex.get(1).label(), ex.get(2).label()};
        check(model, ex, new SequenceClassificationLoss(labels), TrainingHead.classifier(List.of("a", "b", "c")));
    }

    @Test
    void regression() {
        List<TrainingExample> ex = TrainingFixtures.synthetic(3, 6);
        BertModel model = ModelParameters.withNewClassifier(TrainingFixtures.tinyClassifier(12), 1, 4);
        check(model, ex, SequenceClassificationLoss.regression(new double[]{0.5, -1.25, 2.0}), TrainingHead.classifier(List.of("score")));
    }

    @Test
    void spanLossThroughTheQuestionAnsweringHead() {
        List<TrainingExample> pool = TrainingFixtures.spanTask(12, 8), ex = new java.util.ArrayList<>();
        // an unanswerable example (target [CLS]) first, then two answerable ones of other lengths
        ex.add(pool.stream().filter(e -> e.spanStart() == 0).findFirst().orElseThrow());
        pool.stream().filter(e -> e.spanStart() > 0).limit(2).forEach(ex::add);
        TrainingHead span = TrainingHead.span();
        check(TrainingFixtures.tinySpanModel(13), ex, span.loss(ex, new int[]{0, 1, 2}, TrainingConfig.bertDefaults(1), 0), span);
    }

    private static void check(BertModel model, List<TrainingExample> ex, Loss loss, TrainingHead head) {
        BertInput input = LengthBatcher.input(ex, new int[]{0, 1, 2});
        ModelParameters params = new ModelParameters(model, head, false);
        List<Map.Entry<String, org.bertology4j.core.layers.Linear>> heads = params.headLayers().stream()
                .map(l -> Map.entry(l.tensorPrefix(), l.layer())).toList();
        ParameterGradients grads = ParameterGradients.of(model);
        grads.accumulators(heads);
        double l0 = new Backprop(model).compute(model.forward(input, TraceOptions.builder().keepCaches().build()), loss,
                new GradientRequest(true, false), grads).loss();
        List<INDArray> accumulators = grads.accumulators(heads);
        assertTrue(Math.abs(l0 - loss(model, input, loss)) < 1e-12, "loss of the training pass = evaluation loss");

        Random r = new Random(3);
        int checked = 0;
        for (int p = 0; p < params.list().size(); p++) {
            Parameter par = params.list().get(p);
            INDArray w = par.value().reshape(-1), g = accumulators.get(p).reshape(-1);
            for (int k = 0; k < 4; k++) {
                long i = pickIndex(par, r, ex.get(0).ids());
                double orig = w.getDouble(i), h = 1e-5;
                w.putScalar(i, orig + h);
                double up = loss(model, input, loss);
                w.putScalar(i, orig - h);
                double down = loss(model, input, loss);
                w.putScalar(i, orig);
                double fd = (up - down) / (2 * h), an = g.getDouble(i);
                double err = Math.abs(fd - an) / Math.max(1e-6, Math.abs(fd) + Math.abs(an));
                if (err > 1e-5 && Math.abs(fd - an) > 1e-9) {
                    fail(par.name() + "[" + i + "]: analytic " + an + " vs finite difference " + fd);
                }
                checked++;
            }
        }
        assertTrue(checked >= 4 * params.list().size());
    }

    private static double loss(BertModel model, BertInput input, Loss loss) {
        return loss.evaluate(model, model.forward(input, TraceOptions.none()), null).value();
    }

    /** Word-embedding rows of unused tokens have zero gradient; test rows of tokens in the batch. */
    private static long pickIndex(Parameter p, Random r, int[] usedIds) {
        long n = p.value().length();
        if (p.name().equals("embeddings.word")) {
            long h = p.value().size(1);
            return usedIds[1 + r.nextInt(usedIds.length - 2)] * h + r.nextInt((int) h);
        }
        if (p.name().equals("embeddings.position")) return r.nextInt((int) (5 * p.value().size(1)));
        return (long) (r.nextDouble() * n);
    }
}
