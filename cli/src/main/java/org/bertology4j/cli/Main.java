package org.bertology4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./bertology4j} command line. Each subcommand is a small class in this package; this class only
 * lists them. Exit codes: 0 success, 1 failure (the message names the problem), 2 usage error.
 */
@Command(name = "bertology4j", mixinStandardHelpOptions = true, version = "bertology4j 0.1.0",
        description = "BERT inference and interpretability on the JVM: attention, gradient flow, DeepLIFT, BERTology studies.",
        subcommands = {
                CommandLine.HelpCommand.class,
                DemoCommand.class,
                ModelCommand.class,
                ConvertCommand.class,
                TokenizeCommand.class,
                EmbedCommand.class,
                SimilarityCommand.class,
                AgreementCommand.class,
                AttentionCommand.class,
                AttributeCommand.class,
                FillMaskCommand.class,
                BenchCommand.class,
                HeadsCommand.class,
                CorefCommand.class,
                SurfaceCommand.class,
                ClusterCommand.class,
                ProbeCommand.class,
                ExampleHeadsCommand.class,
                ViewCommand.class,
                DeepLiftCommand.class,
                FlowCommand.class,
                FlowStudyCommand.Coref.class,
                FlowStudyCommand.Pos.class,
                FlowStudyCommand.Deps.class,
                FlowCorefPairsCommand.class,
                ReportCommand.class,
                FinetuneCommand.class,
                PatternsCommand.class,
                DisableHeadsCommand.class,
                AttentionChangeCommand.class,
                TokenClassesCommand.class,
                TokenToTokenCommand.class,
                ClsAttentionCommand.class,
                QaDataCommand.class,
                FinetuneQaCommand.class,
                QaCommand.class,
                QaStudyCommand.class,
        })
public final class Main implements Runnable {
    private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";

    static {
        // The library's notices (unverified weights, checksums recorded, unused tensors) go through System.Logger;
        // java.util.logging's default format spends two lines on each (date and class, then the message): one here.
        if (System.getProperty(LOG_FORMAT) == null) System.setProperty(LOG_FORMAT, "%5$s%6$s%n");
        org.bertology4j.core.model.NativeBuild.select();   // before any command touches ND4J
    }



    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        Utf8Console.install();
        try {
            args = Utf8Console.arguments(args);
        } catch (Utf8Console.ArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (used by tests). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        addHelpOptions(cli);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (System.getenv("BERTOLOGY4J_DEBUG") != null) ex.printStackTrace(cmd.getErr());
            return 1;
        });
        cli.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("error: " + ex.getMessage());
            if (ex instanceof OptionChecks.InvalidValueException) {
                cmd.getErr().println("(./bertology4j help " + cmd.getCommandName() + " lists the options)");
            } else {
                cmd.usage(cmd.getErr());
            }
            return 2;
        });
        // option values are checked before the command runs, so before any model is loaded
        cli.setExecutionStrategy(parsed -> {
            OptionChecks.check(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        return cli.execute(args);
    }

    /** Gives every subcommand {@code -h/--help} and {@code -V/--version}, whether or not its class asks for them. */
    private static void addHelpOptions(CommandLine command) {
        for (CommandLine sub : command.getSubcommands().values()) {
            CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand) && !spec.mixinStandardHelpOptions()) {
                spec.mixinStandardHelpOptions(true);
                spec.version(command.getCommandSpec().version());
            }
            addHelpOptions(sub);
        }
    }
}
