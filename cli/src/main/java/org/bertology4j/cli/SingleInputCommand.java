package org.bertology4j.cli;

import org.bertology4j.tokenizer.Encoding;
import picocli.CommandLine.Mixin;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The frame of the commands that write the files of one input into a directory ({@code attention}, {@code deeplift},
 * {@code flow}): open {@code --model}, encode {@code --text}/{@code --pair}, compute the library result and write
 * it into {@code --out}, listing the files.
 */
abstract class SingleInputCommand implements Callable<Integer> {
    @Mixin ModelInput modelInput;
    @Mixin OutputDirectory output;

    @Override
    public final Integer call() throws Exception {
        LoadedModel m = modelInput.open();
        CorpusOptions.print(write(m, modelInput.input.encode(m.tokenizer()), output.out));
        String summary = summary();
        if (summary != null) System.out.println(summary);
        return 0;
    }

    /** Computes the command's result for {@code encoding} and writes its files into {@code out}; returns them. */
    abstract List<Path> write(LoadedModel m, Encoding encoding, Path out) throws Exception;

    /** A line printed after the files (null for none). */
    String summary() { return null; }
}
