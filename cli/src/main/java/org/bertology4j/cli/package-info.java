/**
 * The {@code ./bertology4j} command line, one client of the library modules. {@link org.bertology4j.cli.Main} is the
 * entry; each {@code *Command} parses options (picocli) and calls a library class: the corpus studies through
 * {@link org.bertology4j.cli.CorpusOptions} (one mixin: corpus, model, Spark, and the run through the library's
 * {@code CorpusRunner}), the single-text commands through core and analysis. What only a terminal needs lives here:
 * the progress bar ({@link org.bertology4j.cli.CorpusProgress}, a library {@code ProgressListener}), logging
 * configuration ({@code simplelogger.properties}) and figure drawing choices of the commands. Before a command runs,
 * {@link org.bertology4j.cli.OptionChecks} checks its option values (ranges, inputs, writable outputs), and
 * {@link org.bertology4j.cli.Utf8Console} makes arguments and standard output UTF-8 whatever the locale.
 */
package org.bertology4j.cli;
