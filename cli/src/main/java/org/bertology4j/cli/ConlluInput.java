package org.bertology4j.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The required {@code --conllu FILE} of the commands that read a treebank (the corpus studies, {@code report}). */
public final class ConlluInput {
    @Option(names = "--conllu", required = true, paramLabel = "FILE", description = "CoNLL-U input (e.g. GUM dev).")
    Path conllu;
}
