package org.bertology4j.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The strongest CPU speed peer: ONNX Runtime running the original ONNX file of a model (bge-small). */
final class OnnxPeer implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    OnnxPeer(Path onnxFile, int threads) throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(threads);
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        session = env.createSession(onnxFile.toString(), o);
    }

    /** One forward pass on a batch of ids [B][T] (all real tokens, segment 0); returns nothing, it is timed. */
    void run(int[][] ids) throws OrtException {
        int b = ids.length, t = ids[0].length;
        long[] flat = new long[b * t], mask = new long[b * t], seg = new long[b * t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                flat[i * t + j] = ids[i][j];
                mask[i * t + j] = 1;
            }
        }
        long[] shape = {b, t};
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            in.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(flat), shape));
            in.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (session.getInputNames().contains("token_type_ids")) {
                in.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(seg), shape));
            }
            try (OrtSession.Result r = session.run(in)) {
                if (r.size() == 0) throw new IllegalStateException("ONNX Runtime returned no output");
            }
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() throws OrtException { session.close(); }
}
