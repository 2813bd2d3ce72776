package io.github.srgandl4j.spark.cli;

import io.github.srgandl4j.examples.cli.SrganCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code srgan} (single machine) or {@code srgan spark-*} in-process, capturing exit code, stdout and stderr. */
record Runs(int exit, String out, String err) {
    /** The settings every Spark run in the tests gets: two task slots, no web UI, loopback only. */
    static final List<String> SPARK = List.of("--master", "local[2]", "--conf", "spark.ui.enabled=false",
            "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
            "--conf", "spark.hadoop.fs.testfs.impl=io.github.srgandl4j.spark.RemoteLikeFileSystem");

    static Runs srgan(String... args) {
        return run(SrganCli.commandLine(), args);
    }

    /** {@code srgan COMMAND [SPARK settings] ARGS...} through the spark-* entry point. */
    static Runs spark(String command, String... args) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(SPARK);
        all.addAll(Arrays.asList(args));
        return run(SparkCli.commandLine(), all.toArray(String[]::new));
    }

    /** Without the Spark settings (usage errors). */
    static Runs sparkPlain(String... args) {
        return run(SparkCli.commandLine(), args);
    }

    private static Runs run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Runs(code, out.toString(), err.toString());
    }
}
