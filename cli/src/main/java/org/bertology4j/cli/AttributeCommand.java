package org.bertology4j.cli;

import org.bertology4j.analysis.attribution.AttentionAttribution;
import org.bertology4j.tokenizer.Encoding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code attribute}: attention-based attributions of one input ({@link AttentionAttribution}). */
@Command(name = "attribute", description = "Write attention rollout (after each layer), attention flow (into the top "
        + "layer; T^2 max-flows, for sentences) and norm-based attention (per layer) of one input as METHOD.npy "
        + "[maps, T, T] (rows = output token), with tokens.json and attribution.json. See docs/methods.md.")
public final class AttributeCommand extends SingleInputCommand {
    @Option(names = "--method", split = ",", paramLabel = "METHOD", defaultValue = "rollout,value-norm",
            converter = MethodConverter.class,
            description = "Methods: rollout, flow, value-norm (comma-separated). Default: ${DEFAULT-VALUE}.")
    List<AttentionAttribution.Method> methods;

    @Override
    List<Path> write(LoadedModel m, Encoding encoding, Path out) throws IOException {
        return AttentionAttribution.compute(m.model(), encoding, methods).write(out);
    }

    static final class MethodConverter implements picocli.CommandLine.ITypeConverter<AttentionAttribution.Method> {
        @Override
        public AttentionAttribution.Method convert(String value) {
            for (AttentionAttribution.Method m : AttentionAttribution.Method.values()) {
                if (m.fileName().equals(value)) return m;
            }
            throw new picocli.CommandLine.TypeConversionException("unknown method '" + value + "' (rollout, flow, value-norm)");
        }
    }
}
