package org.bertology4j.core.deeplift;

import org.bertology4j.core.layers.EncoderLayer;
import org.bertology4j.core.layers.LayerRules;
import org.bertology4j.core.layers.RuleSet;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.BertWeights;
import org.bertology4j.core.model.ScratchMemory;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * DeepLIFT with exact multiplier propagation through BERT: every op has a rule with Σ m·Δx = Δy
 * (see {@code docs/deeplift.md}), so contributions add up to Δtarget at the word embeddings and at
 * every hidden state. Input and references run as one stacked forward pass; K targets are propagated
 * together as K cotangent blocks. Works in the model's data type (float or double). Thread-safe. Each thread keeps
 * the memory of its largest attribution, up to 512 MB, for the next one (an ND4J workspace, see
 * {@code model.ScratchMemory.run}).
 */
public final class DeepLift {
    /**
     * The per-thread workspace of an attribution: its stacked forward keeps every cache (~15 MB per layer of BERT-base
     * at 2 × 128), which fresh memory page-faults on every call; reused, an attribution took 7% less time (medians).
     */
    private static final String SCRATCH = "bertology4j-deeplift";

    private final BertModel model;
    private final BertWeights w;
    private final SpecialTokens special;
    private final SoftmaxRule softmax;
    private final LayerNormRule layerNorm;

    /** DeepLIFT for a BERT vocabulary ({@link SpecialTokens#bert()}). */
    public DeepLift(BertModel model) { this(model, SpecialTokens.bert()); }

    /** DeepLIFT with explicit special-token ids (for the [PAD]/[MASK] references). */
    public DeepLift(BertModel model, SpecialTokens special) {
        this(model, special, new LogMeanSoftmaxRule(), new DeepLiftLayerNormRule());
    }

    /** With swapped rules: the negative-control tests put plain gradients here. */
    DeepLift(BertModel model, SpecialTokens special, SoftmaxRule softmax, LayerNormRule layerNorm) {
        this.model = model;
        this.w = model.weights();
        this.special = special;
        this.softmax = softmax;
        this.layerNorm = layerNorm;
    }

    public BertModel model() { return model; }

    /** Attribution of one target against a reference ({@link Reference#pad()} is the usual choice). */
    public Attribution attribute(BertInput input, Reference reference, Target target) {
        return attribute(input, reference, List.of(target)).get(0);
    }

    /** Attribution of one target against the default [PAD] reference. */
    public Attribution attribute(BertInput input, Target target) {
        return attribute(input, Reference.pad(), target);
    }

    /**
     * Attributions of several targets, propagated together.
     *
     * @param input a single sequence (batch size 1), padding allowed
     * @throws IllegalArgumentException for a batch, a reference that does not fit the input, or a
     *                                  target outside the sequence / vocabulary / labels
     * @throws IllegalStateException    when the model lacks a target's head
     */
    public List<Attribution> attribute(BertInput input, Reference reference, List<Target> targets) {
        return ScratchMemory.run(SCRATCH, () -> attributeInScratch(input, reference, targets));
    }

    /** {@link #attribute(BertInput, Reference, List)} with every array in the scratch workspace: only Java values leave. */
    private List<Attribution> attributeInScratch(BertInput input, Reference reference, List<Target> targets) {
        if (input.batchSize() != 1) {
            throw new IllegalArgumentException("DeepLIFT explains one sequence at a time; got a batch of " + input.batchSize());
        }
        if (targets.isEmpty()) throw new IllegalArgumentException("no targets");
        input.validate(w.config());
        int t = input.seqLen();
        int[] ids = input.ids()[0], seg = input.segmentIds()[0], mask = input.attentionMask()[0];
        List<Reference> refs = reference.leaves();
        ReferenceBuilder rb = new ReferenceBuilder(w, special);
        List<INDArray> stack = new ArrayList<>();
        stack.add(rb.inputWords(ids));
        for (Reference r : refs) stack.add(rb.words(r, input));
        INDArray words = Nd4j.concat(0, stack.toArray(new INDArray[0]));
        StackedForward f = StackedForward.run(model, input, words, stack.size());

        TargetHeads heads = new TargetHeads(w, layerNorm);
        int k = targets.size(), layers = f.numLayers(), hid = w.config().hiddenSize();
        Target[] resolved = new Target[k];
        double[][] values = new double[k][];
        for (int i = 0; i < k; i++) {
            resolved[i] = heads.resolve(targets.get(i), f, mask);
            values[i] = heads.values(resolved[i], f);
        }
        double[][] tokenScores = new double[k][t];
        double[][][] layerScores = new double[k][layers + 1][t];
        double[][][] multipliers = new double[k][t][hid];
        for (int r = 1; r <= refs.size(); r++) {
            INDArray seed = Nd4j.create(words.dataType(), new long[]{(long) k * t, hid}, 'c');
            for (int i = 0; i < k; i++) {
                heads.addSeed(resolved[i], f, r, seed.get(NDArrayIndex.interval((long) i * t, (long) (i + 1) * t), NDArrayIndex.all()));
            }
            propagate(f, r, k, seed, tokenScores, layerScores, multipliers);
        }
        List<Attribution> out = new ArrayList<>();
        int nr = refs.size();
        for (int i = 0; i < k; i++) {
            double refMean = 0;
            for (int r = 1; r <= nr; r++) refMean += values[i][r] / nr;
            double delta = values[i][0] - refMean;
            scale(tokenScores[i], 1.0 / nr);
            for (double[] row : layerScores[i]) scale(row, 1.0 / nr);
            for (double[] row : multipliers[i]) scale(row, 1.0 / nr);
            double[] layerRes = new double[layers + 1];
            for (int n = 0; n <= layers; n++) layerRes[n] = delta - sum(layerScores[i][n]);
            out.add(new Attribution(resolved[i], tokenScores[i], layerScores[i], values[i][0], refMean,
                    delta - sum(tokenScores[i]), layerRes, multipliers[i], nr));
        }
        return out;
    }

    /**
     * A scalar computed from the last hidden state outside the model's heads (such as the similarity of two pooled
     * sentence embeddings), given to DeepLIFT by its multipliers onto h_L for each pair (input, reference).
     */
    public interface LastHiddenObjective {
        /**
         * The objective's values on the input and the reference, and its multipliers onto h_L: any m [T, H] with
         * Σ m·(h_L − h_L0) = value − referenceValue exactly, so that DeepLIFT stays complete.
         *
         * @param lastHidden          the input's last hidden state [T, H]
         * @param referenceLastHidden the reference's [T, H]
         */
        Seed seed(INDArray lastHidden, INDArray referenceLastHidden);

        /** Values and multipliers [T, H] (in the model's data type). */
        record Seed(double value, double referenceValue, INDArray multipliers) {}
    }

    /**
     * DeepLIFT of a custom objective of the last hidden state: the same stacked forward and propagation as
     * {@link #attribute(BertInput, Reference, Target)}, seeded with the objective's multipliers. The attribution's
     * target is null; its values and residuals are the objective's.
     */
    public Attribution attribute(BertInput input, Reference reference, LastHiddenObjective objective) {
        return ScratchMemory.run(SCRATCH, () -> attributeInScratch(input, reference, objective));
    }

    private Attribution attributeInScratch(BertInput input, Reference reference, LastHiddenObjective objective) {
        if (input.batchSize() != 1) {
            throw new IllegalArgumentException("DeepLIFT explains one sequence at a time; got a batch of " + input.batchSize());
        }
        input.validate(w.config());
        int t = input.seqLen(), layers = w.config().numHiddenLayers(), hid = w.config().hiddenSize();
        List<Reference> refs = reference.leaves();
        ReferenceBuilder rb = new ReferenceBuilder(w, special);
        List<INDArray> stack = new ArrayList<>();
        stack.add(rb.inputWords(input.ids()[0]));
        for (Reference r : refs) stack.add(rb.words(r, input));
        INDArray words = Nd4j.concat(0, stack.toArray(new INDArray[0]));
        StackedForward f = StackedForward.run(model, input, words, stack.size());
        double[][] tokenScores = new double[1][t];
        double[][][] layerScores = new double[1][layers + 1][t];
        double[][][] multipliers = new double[1][t][hid];
        double value = 0, refMean = 0;
        int nr = refs.size();
        for (int r = 1; r <= nr; r++) {
            LastHiddenObjective.Seed seed = seedOutsideScratch(objective, f, r);
            long[] shape = seed.multipliers().shape();
            if (shape.length != 2 || shape[0] != t || shape[1] != hid) {
                throw new IllegalArgumentException("objective multipliers must be [" + t + ", " + hid + "], got " + java.util.Arrays.toString(shape));
            }
            value = seed.value();
            refMean += seed.referenceValue() / nr;
            propagate(f, r, 1, seed.multipliers().castTo(words.dataType()).dup('c'), tokenScores, layerScores, multipliers);
        }
        double delta = value - refMean;
        scale(tokenScores[0], 1.0 / nr);
        for (double[] row : layerScores[0]) scale(row, 1.0 / nr);
        for (double[] row : multipliers[0]) scale(row, 1.0 / nr);
        double[] layerRes = new double[layers + 1];
        for (int n = 0; n <= layers; n++) layerRes[n] = delta - sum(layerScores[0][n]);
        return new Attribution(null, tokenScores[0], layerScores[0], value, refMean, delta - sum(tokenScores[0]), layerRes,
                multipliers[0], nr);
    }

    /**
     * The objective's seed computed outside the scratch workspace: the caller's code may keep the arrays it is given
     * or makes, which must not live in memory that the next attribution reuses.
     */
    private static LastHiddenObjective.Seed seedOutsideScratch(LastHiddenObjective objective, StackedForward f, int r) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray top = f.hidden(f.numLayers());
            return objective.seed(f.rows(top, 0).dup('c'), f.rows(top, r).dup('c'));
        }
    }

    /** Backward pass of K cotangents for the pair (input, reference item r); accumulates scores. */
    private void propagate(StackedForward f, int r, int k, INDArray g, double[][] tokenScores,
                           double[][][] layerScores, double[][][] multipliers) {
        addScores(g, delta(f, f.hidden(f.numLayers()), r), k, layerScores, f.numLayers());
        DeepLiftRules.Pass pass = new DeepLiftRules.Pass(f, r, k, softmax, layerNorm);
        g = model.backward(g, f.numLayers() - 1, 0, new RuleSet<INDArray, INDArray>() {
            @Override
            public DeepLiftRules layer(int l) { return new DeepLiftRules(w.layer(l), l, pass); }

            // A layer's temporaries (the rules keep nothing beyond the layer) in the reused scratch memory, as the
            // gradient's crossings: fresh off-heap arrays page-fault (~0.4 ms per MB here).
            @Override
            public INDArray cross(int l, EncoderLayer layer, LayerRules<INDArray, INDArray> rules, INDArray g) {
                return layer.backward(g, rules).detach();
            }

            @Override
            public boolean inScratch() { return true; }

            @Override
            public void atHidden(int l, INDArray gl) { addScores(gl, delta(f, f.hidden(l), r), k, layerScores, l); }
        });
        INDArray gWords = layerNorm.backward(g, f.rows(f.embeddingSum(), 0), f.rows(f.embeddingSum(), r),
                w.embeddings().layerNorm().gamma(), w.embeddings().layerNorm().eps());
        INDArray dWords = delta(f, f.words(), r);
        double[][] contrib = rowSums(gWords.mul(tile(dWords, k)), k, f.seqLen());
        double[] gm = DenseValues.of(gWords);
        int hid = (int) gWords.size(1);
        for (int i = 0; i < k; i++) {
            for (int t = 0; t < f.seqLen(); t++) {
                tokenScores[i][t] += contrib[i][t];
                for (int j = 0; j < hid; j++) multipliers[i][t][j] += gm[(i * f.seqLen() + t) * hid + j];
            }
        }
    }

    private static INDArray delta(StackedForward f, INDArray stacked, int r) {
        return f.rows(stacked, 0).sub(f.rows(stacked, r));
    }

    private static void addScores(INDArray g, INDArray delta, int k, double[][][] layerScores, int n) {
        double[][] s = rowSums(g.mul(tile(delta, k)), k, (int) delta.size(0));
        for (int i = 0; i < k; i++) for (int t = 0; t < s[i].length; t++) layerScores[i][n][t] += s[i][t];
    }

    private static double[][] rowSums(INDArray prod, int k, int t) {
        double[] s = DenseValues.of(prod.sum(1));
        double[][] out = new double[k][t];
        for (int i = 0; i < k; i++) System.arraycopy(s, i * t, out[i], 0, t);
        return out;
    }

    static INDArray tile(INDArray a, int k) { return k == 1 ? a : Nd4j.tile(a, k, 1); }

    private static void scale(double[] a, double s) { for (int i = 0; i < a.length; i++) a[i] *= s; }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s;
    }
}
