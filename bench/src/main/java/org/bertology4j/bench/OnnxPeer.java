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

    /** One forward pass over ids [B][T] (all tokens real, segment 0); the outputs are discarded (speed runs). */
    void run(int[][] ids) throws OrtException {
        try (Inputs in = new Inputs(ids, null, null); OrtSession.Result r = session.run(in.tensors)) {
            if (r.size() == 0) throw new IllegalStateException("ONNX Runtime returned no output");
        }
    }

    /**
     * The model's first output, the last hidden state [B][T][H], for ids [B][T] and an attention mask [B][T]
     * (1 = real token; null = all real).
     */
    float[][][] lastHidden(int[][] ids, int[][] mask) throws OrtException {
        return lastHidden(ids, mask, null);
    }

    /** As {@link #lastHidden(int[][], int[][])} with segment ids [B][T] (null = all 0). */
    float[][][] lastHidden(int[][] ids, int[][] mask, int[][] segments) throws OrtException {
        try (Inputs in = new Inputs(ids, mask, segments); OrtSession.Result r = session.run(in.tensors)) {
            if (r.size() == 0) throw new IllegalStateException("ONNX Runtime returned no output");
            Object value = r.get(0).getValue();
            if (!(value instanceof float[][][] hidden)) {
                throw new IllegalStateException("ONNX Runtime's first output is not a float [B, T, H] tensor: "
                        + r.get(0).getInfo());
            }
            return hidden;
        }
    }

    /** input_ids, attention_mask and (when the graph has it) token_type_ids as int64 tensors. */
    private final class Inputs implements AutoCloseable {
        final Map<String, OnnxTensor> tensors = new HashMap<>();

        Inputs(int[][] ids, int[][] attentionMask, int[][] segments) throws OrtException {
            int b = ids.length, t = ids[0].length;
            long[] flat = new long[b * t], mask = new long[b * t], seg = new long[b * t];
            for (int i = 0; i < b; i++) {
                if (ids[i].length != t) throw new IllegalArgumentException("row " + i + " has " + ids[i].length + " ids, row 0 has " + t);
                for (int j = 0; j < t; j++) {
                    flat[i * t + j] = ids[i][j];
                    mask[i * t + j] = attentionMask == null ? 1 : attentionMask[i][j];
                    seg[i * t + j] = segments == null ? 0 : segments[i][j];
                }
            }
            long[] shape = {b, t};
            try {
                tensors.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(flat), shape));
                tensors.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
                if (session.getInputNames().contains("token_type_ids")) {
                    tensors.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(seg), shape));
                }
            } catch (OrtException | RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() { tensors.values().forEach(OnnxTensor::close); }
    }

    @Override
    public void close() throws OrtException { session.close(); }
}
