package org.bertology4j.core;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.TraceOptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One model, several threads forwarding different inputs at once: same results as one at a time. */
class ThreadSafetyTest {
    @Test
    void concurrentForwardsEqualSequentialOnes() throws Exception {
        BertModel model = BertModel.random(TinyModels.tiny(), 11, DataType.FLOAT);
        Random r = new Random(5);
        List<BertInput> inputs = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            int b = 1 + r.nextInt(3), t = 3 + r.nextInt(20);
            int[][] ids = new int[b][t];
            for (int[] row : ids) for (int j = 0; j < t; j++) row[j] = r.nextInt(50);
            inputs.add(BertInput.of(ids));
        }
        TraceOptions opts = TraceOptions.builder().keepAttention().disableHead(1, 2).build();
        List<INDArray> sequential = new ArrayList<>();
        for (BertInput in : inputs) sequential.add(model.forward(in, opts).lastHidden().dup());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<INDArray>> fs = new ArrayList<>();
                for (BertInput in : inputs) fs.add(pool.submit(() -> model.forward(in, opts).lastHidden()));
                for (int i = 0; i < fs.size(); i++) {
                    INDArray got = fs.get(i).get();
                    assertEquals(0.0, got.sub(sequential.get(i)).amaxNumber().doubleValue(), 1e-6, "input " + i);
                }
            }
        } finally {
            pool.shutdown();
        }
    }
}
