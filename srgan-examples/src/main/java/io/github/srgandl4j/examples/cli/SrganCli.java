package io.github.srgandl4j.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code srgan} command-line tool. Subcommands are the project's stable command-line face
 * (upscale, evaluate, degrade, train, compare, bench); exit codes: 0 success, 1 failure, 2 usage
 * error. Messages go to stderr.
 */
@Command(
        name = "srgan",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Photo-realistic single-image super-resolution (SRGAN) on Deeplearning4j.",
        footer = "%nOn Apache Spark (module srgan-spark, run by the srgan launcher): spark-upscale, spark-evaluate"
                + " (./srgan spark-upscale --help; docs/scale-out.md).",
        subcommands = {CommandLine.HelpCommand.class, UpscaleCommand.class, EvaluateCommand.class, CompareCommand.class, DegradeCommand.class, BenchCommand.class, TrainCommand.class, CalibrateBnCommand.class, FlatFieldCommand.class, RateCommand.class, ExportCommand.class})
public final class SrganCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }

    /** Builds the configured command line (shared by {@link #main} and tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SrganCli());
        cl.setExecutionExceptionHandler(new FailureHandler());
        cl.setExecutionStrategy(SrganCli::refuseUnmatchedThenRun);
        return cl;
    }

    /**
     * picocli lets {@code --help} win over unknown words ({@code srgan no-such-command --help} printed the
     * root help and exited 0): an unmatched argument is a usage error (exit 2) even with --help.
     */
    private static int refuseUnmatchedThenRun(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (!p.unmatched().isEmpty()) {
                throw new CommandLine.UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched());
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
