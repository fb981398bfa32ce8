package org.bertology4j.cli;

import org.bertology4j.core.deeplift.Attribution;
import org.bertology4j.core.deeplift.DeepLift;
import org.bertology4j.core.deeplift.Reference;
import org.bertology4j.core.deeplift.Target;
import org.bertology4j.core.flow.JacobianNorms;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.weights.ModelCache;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's Java example, verbatim, so that it keeps compiling and doing what it says. */
@Tag("real-model")
class ReadmeExampleTest {
    @Test
    void readmeExampleRuns() {
        Path dir = ModelCache.defaultCache().resolve("bert-base-uncased");
        BertModel model = BertModel.load(dir);
        BertTokenizer tokenizer = BertTokenizer.fromModelDirectory(dir);
        Encoding enc = tokenizer.encode("The capital of France is [MASK].");
        ForwardTrace trace = model.forward(BertInput.of(enc),
                TraceOptions.builder().keepAttention().keepHiddenStates().disableHead(7, 10).build());
        INDArray attention = trace.attention(7, 0);
        JacobianNorms.Maps flow = new JacobianNorms(model).compute(BertInput.of(enc), JacobianNorms.Measure.ONES_VJP);
        Attribution why = new DeepLift(model).attribute(BertInput.of(enc), Reference.pad(),
                Target.maskedLm(6, tokenizer.vocabulary().id("paris")));

        assertArrayEquals(new String[]{"[CLS]", "the", "capital", "of", "france", "is", "[MASK]", ".", "[SEP]"}, enc.pieces());
        assertArrayEquals(new long[]{12, 9, 9}, attention.shape());
        // the disabled head 8-11 is uniform over the 9 tokens
        assertEquals(1.0 / 9, attention.getDouble(10, 3, 5), 1e-6);
        assertEquals(12, flow.gradient().length);
        assertTrue(why.relativeResidual() < 1e-4, "completeness residual " + why.relativeResidual());
        assertTrue(why.tokenScores()[4] > 0, "'france' supports 'paris': " + why.tokenScores()[4]);
    }
}
