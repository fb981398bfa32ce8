package org.bertology4j.core.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;

/**
 * AdamW (Loshchilov &amp; Hutter; the update of {@code torch.optim.AdamW}): decoupled weight decay
 * p ← p·(1 − lr·wd) for decaying parameters, then p ← p − lr·m̂/(√v̂ + ε) with bias-corrected moments.
 * State (first and second moments, step count) is exposed for checkpoints.
 */
public final class AdamW {
    private final List<Parameter> params;
    private final double beta1, beta2, eps, weightDecay;
    private final List<INDArray> m = new ArrayList<>(), v = new ArrayList<>();
    private long steps;

    public AdamW(List<Parameter> params, double beta1, double beta2, double eps, double weightDecay) {
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("betas must be in [0, 1)");
        if (!(eps > 0)) throw new IllegalArgumentException("eps must be positive");
        this.params = params;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        for (Parameter p : params) {
            m.add(Nd4j.zeros(p.value().dataType(), p.value().shape()));
            v.add(Nd4j.zeros(p.value().dataType(), p.value().shape()));
        }
    }

    /** BERT's defaults: β = (0.9, 0.999), ε = 1e-6, weight decay 0.01. */
    public static AdamW bertDefaults(List<Parameter> params) { return new AdamW(params, 0.9, 0.999, 1e-6, 0.01); }

    /** Applies one update with learning rate {@code lr}; {@code grads} are aligned with the parameters. */
    public void step(List<INDArray> grads, double lr) {
        if (grads.size() != params.size()) {
            throw new IllegalArgumentException(grads.size() + " gradients for " + params.size() + " parameters");
        }
        steps++;
        double bc1 = 1 - Math.pow(beta1, steps), bc2 = 1 - Math.pow(beta2, steps);
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            INDArray g = grads.get(i), mi = m.get(i), vi = v.get(i), w = p.value();
            mi.muli(beta1).addi(g.mul(1 - beta1));
            vi.muli(beta2).addi(g.mul(g).muli(1 - beta2));
            if (p.decay() && weightDecay != 0) w.muli(1 - lr * weightDecay);
            INDArray denom = Transforms.sqrt(vi, true).divi(Math.sqrt(bc2)).addi(eps);
            w.subi(mi.div(denom).muli(lr / bc1));
        }
    }

    /** Updates applied so far. */
    public long steps() { return steps; }

    /** First moments, aligned with the parameters (live arrays). */
    public List<INDArray> firstMoments() { return m; }

    /** Second moments, aligned with the parameters (live arrays). */
    public List<INDArray> secondMoments() { return v; }

    /** Restores the state saved from an optimizer over the same parameters. */
    public void restore(long steps, List<INDArray> first, List<INDArray> second) {
        if (first.size() != params.size() || second.size() != params.size()) {
            throw new IllegalArgumentException("optimizer state has " + first.size() + "/" + second.size()
                    + " moments for " + params.size() + " parameters");
        }
        for (int i = 0; i < params.size(); i++) {
            if (!java.util.Arrays.equals(first.get(i).shape(), m.get(i).shape())
                    || !java.util.Arrays.equals(second.get(i).shape(), v.get(i).shape())) {
                throw new IllegalArgumentException("optimizer state of parameter " + params.get(i).name() + " has shape "
                        + java.util.Arrays.toString(first.get(i).shape()) + ", the parameter "
                        + java.util.Arrays.toString(m.get(i).shape()));
            }
            m.get(i).assign(first.get(i));
            v.get(i).assign(second.get(i));
        }
        this.steps = steps;
    }
}
