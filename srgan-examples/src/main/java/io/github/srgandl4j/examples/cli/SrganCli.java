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
        subcommands = {CommandLine.HelpCommand.class, UpscaleCommand.class, EvaluateCommand.class, CompareCommand.class, DegradeCommand.class, BenchCommand.class, TrainCommand.class, ExportCommand.class})
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
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
