package org.bertology4j.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The required {@code --out DIR} of the commands that write their files into a directory. */
public final class OutputDirectory {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;
}
