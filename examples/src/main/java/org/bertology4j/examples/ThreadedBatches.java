package org.bertology4j.examples;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.tokenizer.Encoding;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One model shared by several threads, each running padded batches (a model is immutable after loading and safe
 * to share): the [CLS] vector of each sentence, the same whichever thread or batch computed it.
 * Usage: {@code ThreadedBatches [MODEL]}.
 */
public final class ThreadedBatches {
    public static void main(String[] args) throws Exception {
        Path dir = Models.resolve(args);
        BertModel model = BertModel.load(dir);
        BertTokenizer tokenizer = BertTokenizer.fromModelDirectory(dir);
        List<String> texts = List.of("The cat sat on the mat.", "Stocks fell sharply on Monday.",
                "She plays the violin beautifully.", "A storm is coming.", "The library opens at nine.",
                "He forgot his umbrella again.", "Paris is the capital of France.", "Birds migrate south in winter.");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<INDArray>> parts = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += 2) {
            List<String> batch = texts.subList(from, from + 2);
            parts.add(pool.submit(() -> {
                Encoding[] enc = batch.stream().map(tokenizer::encode).toArray(Encoding[]::new);
                ForwardTrace trace = model.forward(BertInput.of(enc));           // padded to the longer one
                return trace.lastHidden().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.all()); // [2, H]
            }));
        }
        int i = 0;
        for (Future<INDArray> f : parts) {
            INDArray cls = f.get();
            for (int r = 0; r < cls.rows(); r++, i++) {
                System.out.printf("%-36s [CLS] norm %.4f%n", texts.get(i), cls.getRow(r).norm2Number().doubleValue());
            }
        }
        pool.shutdown();
    }
}
