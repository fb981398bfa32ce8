package org.bertology4j.examples;

import org.bertology4j.core.flow.JacobianNorms;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.tokenizer.Encoding;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Information flow from "cat" into "it" per layer: attention A_n, the layer's Jacobian norm G_n and the norm from
 * the embeddings G*_n (entry [n][t2][t1] = flow from t1 into t2 at layer n+1). Usage: {@code JacobianFlow [MODEL]}.
 */
public final class JacobianFlow {
    public static void main(String[] args) {
        Path dir = Models.resolve(args);
        BertModel model = BertModel.load(dir);
        Encoding enc = BertTokenizer.fromModelDirectory(dir).encode("The cat sat on the mat because it was tired.");
        int cat = Arrays.asList(enc.pieces()).indexOf("cat"), it = Arrays.asList(enc.pieces()).indexOf("it");
        JacobianNorms.Maps m = new JacobianNorms(model).compute(BertInput.of(enc), JacobianNorms.Measure.ONES_VJP);
        System.out.println("layer  A(it<-cat)  G(it<-cat)  G*(it<-cat)");
        for (int n = 0; n < m.gradient().length; n++) {
            System.out.printf("%5d  %10.4f  %10.4f  %11.4f%n", n + 1, m.attention()[n][it][cat], m.gradient()[n][it][cat],
                    m.gradientFromEmbeddings()[n][it][cat]);
        }
    }
}
