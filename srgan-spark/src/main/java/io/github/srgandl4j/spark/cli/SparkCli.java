package io.github.srgandl4j.spark.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code srgan spark-*} subcommands (the {@code srgan} launcher routes them here, so that the
 * main {@code srgan} tool never has Spark on its class path). Exit codes as {@code srgan}: 0
 * success, 1 failure (including any file that failed), 2 usage error; messages on stderr.
 */
@Command(
        name = "srgan",
        mixinStandardHelpOptions = true,
        description = "Batch upscaling and evaluation on Apache Spark (local mode or a cluster).",
        subcommands = {CommandLine.HelpCommand.class, SparkUpscaleCommand.class, SparkEvaluateCommand.class})
public final class SparkCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }

    /** Builds the configured command line (shared by {@link #main} and tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SparkCli());
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            c.getErr().println("srgan " + c.getCommandName() + ": error: " + msg);
            if ("1".equals(System.getenv("SRGAN_DEBUG"))) {
                ex.printStackTrace(c.getErr());
            }
            c.getErr().flush();
            return 1;
        });
        return cl;
    }

    public static void main(String[] args) {
        if (System.getProperty("SPARK_SUBMIT") == null && System.getProperty("log4j2.configurationFile") == null) {
            // run from the srgan launcher: warnings only (spark-submit keeps the cluster's logging setup)
            System.setProperty("log4j2.configurationFile", "classpath:io/github/srgandl4j/spark/log4j2-cli.properties");
        }
        System.exit(commandLine().execute(args));
    }
}
