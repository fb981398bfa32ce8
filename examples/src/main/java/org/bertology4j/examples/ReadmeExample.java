package org.bertology4j.examples;

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
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;

/** The README's library example, line for line (ReadmeExampleTest runs it on BERT-base and checks its claims). */
public final class ReadmeExample {
    /** What the example computes, for the test to check. */
    public record Output(Encoding enc, INDArray attention, JacobianNorms.Maps flow, Attribution why) {}

    public static void main(String[] args) {
        run();
    }

    public static Output run() {
        // --- README: from here
        Path dir = ModelCache.defaultCache().resolve("bert-base-uncased");          // fetched + converted on first use
        BertModel model = BertModel.load(dir);                                       // float32; load(dir, DataType.DOUBLE) for checks
        BertTokenizer tokenizer = BertTokenizer.fromModelDirectory(dir);
        Encoding enc = tokenizer.encode("The capital of France is [MASK].");         // [CLS] the capital of france is [MASK] . [SEP]
        ForwardTrace trace = model.forward(BertInput.of(enc),
                TraceOptions.builder().keepAttention().keepHiddenStates().disableHead(7, 10).build());
        INDArray attention = trace.attention(7, 0);                                 // layer 8: [heads, T, T], rows attend
        JacobianNorms.Maps flow = new JacobianNorms(model).compute(BertInput.of(enc), JacobianNorms.Measure.ONES_VJP);
        Attribution why = new DeepLift(model).attribute(BertInput.of(enc), Reference.pad(),
                Target.maskedLm(6, tokenizer.vocabulary().id("paris")));            // why "paris" at the [MASK]
        System.out.println(why.tokenScores()[4] + " from 'france'; residual " + why.relativeResidual());
        // --- README: to here
        return new Output(enc, attention, flow, why);
    }
}
