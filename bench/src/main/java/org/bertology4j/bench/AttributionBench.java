package org.bertology4j.bench;

import org.bertology4j.analysis.attribution.AttentionFlow;
import org.bertology4j.analysis.attribution.AttentionRollout;
import org.bertology4j.analysis.attribution.ResidualAttention;
import org.bertology4j.analysis.attribution.ValueNormAttention;
import org.bertology4j.core.attribution.AttentionTimesGradient;
import org.bertology4j.core.attribution.GradientTimesInput;
import org.bertology4j.core.attribution.IntegratedGradients;
import org.bertology4j.core.attribution.Quadrature;
import org.bertology4j.core.deeplift.DeepLift;
import org.bertology4j.core.deeplift.Reference;
import org.bertology4j.core.deeplift.SpecialTokens;
import org.bertology4j.core.deeplift.Target;
import org.bertology4j.core.heads.HeadType;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The cost of each attribution method of one sequence in plain forward passes of the same sequence, measured in
 * interleaved rounds (medians): of one masked-LM target ([PAD] reference) gradient x input, attention x gradient,
 * DeepLIFT, integrated gradients with m Gauss-Legendre points; from the attention maps (each including its forward
 * pass that keeps them) attention rollout after every layer, attention flow into the top layer (what {@code attribute}
 * writes) and into every layer (what the viewer shows), norm-based attention per layer (heads mixed) and per head.
 */
public final class AttributionBench {
    private AttributionBench() {}

    /** Milliseconds per method (medians) and the forward's. */
    public record Result(int seqLen, int iters, int igSteps, double msForward, Map<String, Double> ms, double igGap) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d tokens, %d rounds (medians): forward %.1f ms",
                    seqLen, iters, msForward));
            for (Map.Entry<String, Double> e : ms.entrySet()) {
                sb.append(String.format(Locale.ROOT, "%n  %-48s %8.1f ms = %6.2f forwards", e.getKey(), e.getValue(), e.getValue() / msForward));
            }
            sb.append(String.format(Locale.ROOT, "%n  integrated gradients' completeness gap with %d points: %.2e of delta", igSteps, igGap));
            return sb.toString();
        }
    }

    /** One warm-up of each, then {@code iters} rounds of a forward and every method. */
    public static Result run(BertModel model, SpecialTokens special, int seqLen, int igSteps, int iters) {
        Random r = new Random(1);
        int[] ids = new int[seqLen];
        for (int j = 1; j < seqLen - 1; j++) ids[j] = 1000 + r.nextInt(model.config().vocabSize() - 1000);
        ids[0] = special.cls();
        ids[seqLen - 1] = special.sep();
        BertInput in = BertInput.of(new int[][]{ids});
        Target target = model.hasHead(HeadType.MASKED_LM) ? Target.maskedLm(seqLen / 2, ids[seqLen / 2]) : Target.qaStart();
        IntegratedGradients ig = new IntegratedGradients(model, special);
        Quadrature q = Quadrature.gaussLegendre(igSteps);
        Map<String, Supplier<Object>> methods = new LinkedHashMap<>();
        methods.put("gradient x input", () -> new GradientTimesInput(model).attribute(in, target));
        methods.put("attention x gradient", () -> new AttentionTimesGradient(model).attribute(in, target));
        methods.put("DeepLIFT ([PAD] reference)", () -> new DeepLift(model, special).attribute(in, Reference.pad(), target));
        methods.put("integrated gradients (" + igSteps + " Gauss-Legendre points)", () -> ig.attribute(in, Reference.pad(), target, q));
        TraceOptions attention = TraceOptions.builder().keepAttention().build();
        TraceOptions withHidden = TraceOptions.builder().keepAttention().keepHiddenStates().build();
        methods.put("attention rollout (every layer)", () -> AttentionRollout.of(residual(model, in, attention, seqLen)).everyLayer());
        methods.put("attention flow (into the top layer)", () -> AttentionFlow.of(residual(model, in, attention, seqLen)));
        methods.put("attention flow (into every layer, the viewer's)", () -> AttentionFlow.intoEveryLayer(residual(model, in, attention, seqLen)));
        methods.put("norm-based attention (heads mixed)", () -> ValueNormAttention.of(model, model.forward(in, withHidden), 0, seqLen));
        methods.put("norm-based attention (per head)", () -> ValueNormAttention.perHead(model, model.forward(in, withHidden), 0, seqLen));
        model.forward(in, TraceOptions.none());
        double gap = ig.attribute(in, Reference.pad(), target, q).relativeResidual();
        methods.values().forEach(Supplier::get);
        double[] fwd = new double[iters];
        Map<String, double[]> times = new LinkedHashMap<>();
        methods.keySet().forEach(k -> times.put(k, new double[iters]));
        List<String> names = new ArrayList<>(methods.keySet());
        for (int k = 0; k < iters; k++) {
            long t0 = System.nanoTime();
            model.forward(in, TraceOptions.none());
            fwd[k] = (System.nanoTime() - t0) / 1e6;
            for (String name : names) {
                long t1 = System.nanoTime();
                methods.get(name).get();
                times.get(name)[k] = (System.nanoTime() - t1) / 1e6;
            }
        }
        Map<String, Double> ms = new LinkedHashMap<>();
        times.forEach((k, v) -> ms.put(k, Median.of(v)));
        return new Result(seqLen, iters, igSteps, Median.of(fwd), ms, gap);
    }

    /** A forward that keeps attention, heads averaged with the residual mixed in (rollout's and flow's input). */
    private static ResidualAttention residual(BertModel model, BertInput in, TraceOptions attention, int seqLen) {
        ForwardTrace trace = model.forward(in, attention);
        return ResidualAttention.of(trace, 0, seqLen);
    }
}
