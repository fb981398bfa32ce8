package org.bertology4j.core.deeplift;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertWeights;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/** Word-embedding vectors [T, H] of the input and of each kind of reference, from the model's word table. */
record ReferenceBuilder(BertWeights w, SpecialTokens special) {

    INDArray inputWords(int[] ids) { return Nd4j.pullRows(w.embeddings().wordEmbeddings(), 1, ids); }

    /** Reference word vectors for a single (non-average) reference of the given input. */
    INDArray words(Reference ref, BertInput input) {
        int[] ids = input.ids()[0], mask = input.attentionMask()[0];
        return switch (ref.kind()) {
            case PAD -> inputWords(replaceContent(ids, mask, checkId(special.pad(), "[PAD]")));
            case MASK -> inputWords(replaceContent(ids, mask, checkId(special.mask(), "[MASK]")));
            case ZERO_EMBEDDING -> {
                INDArray e = inputWords(ids);
                for (int t = 0; t < ids.length; t++) if (isContent(ids[t], mask[t])) e.getRow(t).assign(0);
                yield e;
            }
            case INPUT -> {
                BertInput r = ref.input();
                if (r.batchSize() != 1 || r.seqLen() != input.seqLen()) {
                    throw new IllegalArgumentException("reference input must be one sequence of length " + input.seqLen()
                            + ", got batch " + r.batchSize() + " of length " + r.seqLen());
                }
                if (!Arrays.equals(r.segmentIds()[0], input.segmentIds()[0])) {
                    throw new IllegalArgumentException("reference input must have the input's segment ids "
                            + Arrays.toString(input.segmentIds()[0]) + ", got " + Arrays.toString(r.segmentIds()[0]));
                }
                if (!Arrays.equals(r.attentionMask()[0], mask)) {
                    throw new IllegalArgumentException("reference input must have the input's attention mask "
                            + Arrays.toString(mask) + ", got " + Arrays.toString(r.attentionMask()[0]));
                }
                r.validate(w.config());
                yield inputWords(r.ids()[0]);
            }
            case EMBEDDINGS -> {
                INDArray e = ref.embeddings();
                if (e.size(0) != ids.length || e.size(1) != w.config().hiddenSize()) {
                    throw new IllegalArgumentException("reference embeddings must be [" + ids.length + ", "
                            + w.config().hiddenSize() + "], got " + Arrays.toString(e.shape()));
                }
                yield e.castTo(w.dataType()).dup('c');
            }
            case AVERAGE -> throw new IllegalStateException("averages are resolved into their leaves");
        };
    }

    private boolean isContent(int id, int mask) { return mask == 1 && !special.isBoundary(id); }

    private int[] replaceContent(int[] ids, int[] mask, int with) {
        int[] out = ids.clone();
        for (int t = 0; t < ids.length; t++) if (isContent(ids[t], mask[t])) out[t] = with;
        return out;
    }

    private int checkId(int id, String name) {
        if (id < 0 || id >= w.config().vocabSize()) {
            throw new IllegalArgumentException(name + " id " + id + " is outside the vocabulary (size "
                    + w.config().vocabSize() + "); give the model's SpecialTokens");
        }
        return id;
    }
}
