package io.github.srgandl4j.examples.cli;

import picocli.CommandLine;

/**
 * Prints a failure as one clear line on stderr (the full stack trace only with
 * {@code SRGAN_DEBUG=1}) and returns exit code 1.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
    static final int EXIT_FAILURE = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cl.getErr().println("srgan " + cl.getCommandName() + ": error: " + msg);
        if ("1".equals(System.getenv("SRGAN_DEBUG"))) {
            ex.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return EXIT_FAILURE;
    }
}
