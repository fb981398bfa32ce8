package org.bertology4j.bench;

import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.ForwardTrace;
import org.bertology4j.core.model.TraceOptions;
import org.bertology4j.weights.ModelCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The second real reference: bge-small-en-v1.5 (BERT architecture, hidden 384, exact erf GELU) in the engine, from
 * the converted weights, against ONNX Runtime running the original ONNX file. Unlike the TensorFlow comparison
 * (whose graph uses the tanh GELU), this checks the engine's float32 erf GELU on a real model.
 */
@Tag("real-model")
class BgeSmallVsOnnxRuntimeTest {
    static final String NAME = "bge-small-en-v1.5";
    static BertModel model;
    /** The same weights with the tanh GELU: must be told apart by the comparison (it is not a loose one). */
    static BertModel tanhModel;
    static OnnxPeer ort;

    @BeforeAll
    static void load() throws Exception {
        ModelCache cache = ModelCache.defaultCache();
        model = BertModel.load(cache.resolve(NAME));
        tanhModel = BertModel.load(cache.resolve(NAME),
                org.bertology4j.core.model.LoadOptions.of(org.nd4j.linalg.api.buffer.DataType.FLOAT).withHiddenAct("gelu_new"));
        Path work = Files.createDirectories(cache.root().resolve(".bench"));
        ort = new OnnxPeer(ForwardComparison.extractOnnx(NAME, work), 2);
    }

    @AfterAll
    static void close() throws Exception {
        if (ort != null) ort.close();
    }

    static BertInput sequences(long seed, int... lengths) {
        return ForwardComparison.paddedRandom(seed, lengths);
    }

    static double maxDifference(BertModel model, BertInput in) throws Exception {
        return ForwardComparison.maxDifference(model, ort, in);
    }

    @Test
    void lastHiddenStateMatchesOnnxRuntime() throws Exception {
        double full = maxDifference(model, sequences(1, 128, 128));
        double padded = maxDifference(model, sequences(2, 128, 37, 5, 2));
        double tanh = maxDifference(tanhModel, sequences(2, 128, 37, 5, 2));
        System.out.println("max |engine - ONNX Runtime|: unpadded " + full + ", padded " + padded
                + "; with the tanh GELU instead " + tanh);
        assertTrue(full < 1e-4, "unpadded batch differs by " + full);
        assertTrue(padded < 1e-4, "padded batch differs by " + padded);
        assertTrue(tanh > 1e-3, "the tanh GELU should differ visibly, but differs by only " + tanh);
    }
}
