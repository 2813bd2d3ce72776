package io.github.srgandl4j.spark.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;

/** {@code --master}, {@code --partitions} and {@code --conf}: where and how the job runs. */
final class SparkOptions {
    @CommandLine.Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[N] (N task slots in this JVM), local[*], spark://HOST:PORT, yarn, ..."
                    + " (default: the one spark-submit gives, else local[*]).")
    String master;

    @CommandLine.Option(names = "--partitions", paramLabel = "N",
            description = "Number of tasks the files are split into (default: 4 per task slot, at most one per file).")
    Integer partitions;

    @CommandLine.Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "A Spark setting, repeatable; spark.hadoop.* go to the Hadoop file systems"
                    + " (e.g. spark.hadoop.fs.s3a.endpoint=...).")
    List<String> conf = new ArrayList<>();

    /** A started context for {@code app}; the caller stops it. */
    JavaSparkContext start(CommandLine cl, String app) {
        if (partitions != null && partitions < 1) {
            throw new CommandLine.ParameterException(cl, "--partitions must be >= 1, got " + partitions);
        }
        SparkConf sc = new SparkConf().setAppName(app);
        for (String kv : conf) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new CommandLine.ParameterException(cl, "--conf needs KEY=VALUE, got '" + kv + "'");
            }
            sc.set(kv.substring(0, eq), kv.substring(eq + 1));
        }
        if (master != null) {
            sc.setMaster(master);
        } else if (!sc.contains("spark.master")) {
            sc.setMaster("local[*]");
        }
        if (sc.get("spark.master").startsWith("local") && !sc.contains("spark.ui.enabled")) {
            sc.set("spark.ui.enabled", "false"); // a command-line run needs no web UI
        }
        return new JavaSparkContext(sc);
    }
}
