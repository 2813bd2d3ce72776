package io.github.srgandl4j.examples.cli;

import io.github.srgandl4j.core.io.AtomicFiles;
import io.github.srgandl4j.rate.stats.DistributionFigure;
import io.github.srgandl4j.rate.stats.RatingStatistics;
import io.github.srgandl4j.rate.stats.ReportFormats;
import io.github.srgandl4j.rate.stats.StudyReport;
import io.github.srgandl4j.rate.store.RatingStore;
import io.github.srgandl4j.rate.study.AnchorMaker;
import io.github.srgandl4j.rate.study.StudyFolder;
import io.github.srgandl4j.rate.web.RatingServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code srgan rate}: a blind mean-opinion-score study in the browser (see docs/rating.md): serve
 * the study, make its anchor and calibration folders ({@code --prepare}), or report its results
 * ({@code --report}).
 */
@Command(
        name = "rate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "A blind rating study (mean opinion score, as in the SRGAN paper) of super-resolution methods.",
            "STUDY/methods/METHOD/ holds each method's images (e.g. 'srgan evaluate --save-sr' output), "
                    + "STUDY/calibration/{NN,HR}/ the calibration anchors; ratings go to STUDY/ratings.db (SQLite).",
            "Without --prepare or --report: serve the rating page on http://HOST:PORT/ until stopped (Ctrl-C); "
                    + "results at /results on this machine.",
            "--prepare --hr DIR writes methods/HR and methods/NN (HR originals and nearest-neighbour upscales of their "
                    + "LR images); --prepare --calibration-hr DIR writes calibration/HR and calibration/NN.",
            "--report prints per method MOS, SD, n and 95% CI (t), and pairwise Mann-Whitney U tests; "
                    + "--csv/--json/--figure write every rating, the report, and the distribution figure (SVG)."
        })
final class RateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--study", required = true, paramLabel = "DIR", description = "The study folder.")
    Path study;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to serve on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 lets phones and "
                    + "other computers of the network in).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port to serve on (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--report", description = "Print the results instead of serving.")
    boolean report;

    @Option(names = "--csv", paramLabel = "FILE", description = "With --report: write every rating as CSV.")
    Path csv;

    @Option(names = "--json", paramLabel = "FILE", description = "With --report: write the report and every rating as JSON.")
    Path json;

    @Option(names = "--figure", paramLabel = "FILE.svg", description = "With --report: write the distribution figure (SVG).")
    Path figure;

    @Option(names = "--prepare", description = "Write anchor folders (needs --hr and/or --calibration-hr) instead of serving.")
    boolean prepare;

    @Option(names = "--hr", paramLabel = "HR_DIR", description = "With --prepare: HR images of the rated set -> methods/HR, methods/NN.")
    Path hr;

    @Option(names = "--lr", paramLabel = "LR_DIR", description = "With --prepare: their LR images (default: made from HR as 'srgan degrade' does).")
    Path lr;

    @Option(names = "--calibration-hr", paramLabel = "HR_DIR",
            description = "With --prepare: HR images for the calibration (not the rated ones) -> calibration/HR, calibration/NN.")
    Path calibrationHr;

    @Option(names = "--calibration-lr", paramLabel = "LR_DIR", description = "With --prepare: their LR images (default: made from HR).")
    Path calibrationLr;

    @Option(names = "--scale", defaultValue = "4", description = "With --prepare: upscaling factor (default: ${DEFAULT-VALUE}).")
    int scale;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (report && prepare) {
            throw new CommandLine.ParameterException(cl, "give either --report or --prepare, not both");
        }
        if (!report && (csv != null || json != null || figure != null)) {
            throw new CommandLine.ParameterException(cl, "--csv, --json and --figure need --report");
        }
        if (!prepare && (hr != null || lr != null || calibrationHr != null || calibrationLr != null)) {
            throw new CommandLine.ParameterException(cl, "--hr, --lr, --calibration-hr and --calibration-lr need --prepare");
        }
        if (prepare) {
            return prepare(cl);
        }
        if (report) {
            return report(cl.getOut());
        }
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(cl, "--port must be 0-65535, got " + port);
        }
        return serve(cl.getOut());
    }

    private int prepare(CommandLine cl) throws IOException {
        if (hr == null && calibrationHr == null) {
            throw new CommandLine.ParameterException(cl, "--prepare needs --hr and/or --calibration-hr");
        }
        if (lr != null && hr == null || calibrationLr != null && calibrationHr == null) {
            throw new CommandLine.ParameterException(cl, "--lr needs --hr, --calibration-lr needs --calibration-hr");
        }
        if (scale < 1) {
            throw new CommandLine.ParameterException(cl, "--scale must be >= 1, got " + scale);
        }
        AnchorMaker maker = new AnchorMaker(scale);
        PrintWriter out = cl.getOut();
        if (hr != null) {
            Path dir = study.resolve(StudyFolder.METHODS);
            int n = maker.write(hr, lr, dir);
            out.println("wrote " + n + " images each to " + dir.resolve(StudyFolder.HR) + " and " + dir.resolve(StudyFolder.NN));
        }
        if (calibrationHr != null) {
            Path dir = study.resolve(StudyFolder.CALIBRATION);
            int n = maker.write(calibrationHr, calibrationLr, dir);
            out.println("wrote " + n + " images each to " + dir.resolve(StudyFolder.HR) + " and " + dir.resolve(StudyFolder.NN));
        }
        out.flush();
        return 0;
    }

    private int report(PrintWriter out) throws IOException {
        StudyReport r;
        try (RatingStore store = RatingStore.openReadOnly(study.resolve(StudyFolder.DATABASE))) {
            r = RatingStatistics.report(store.methods(), store.ratings());
        }
        out.print(ReportFormats.text(r));
        if (csv != null) {
            AtomicFiles.writeString(withParents(csv), ReportFormats.csv(r.ratings()));
            out.println("wrote " + csv);
        }
        if (json != null) {
            AtomicFiles.writeString(withParents(json), ReportFormats.json(r));
            out.println("wrote " + json);
        }
        if (figure != null) {
            AtomicFiles.writeString(withParents(figure), DistributionFigure.svg(r.methods()));
            out.println("wrote " + figure);
        }
        out.flush();
        return 0;
    }

    private int serve(PrintWriter out) throws IOException, InterruptedException {
        StudyFolder folder = StudyFolder.open(study);
        RatingStore store = RatingStore.open(folder);
        RatingServer server;
        try {
            server = RatingServer.builder(store).optHost(host).optPort(port).build().start();
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
                store.close();
            } catch (IOException e) {
                System.err.println("srgan rate: " + e.getMessage());
            }
        }, "srgan-rate-shutdown"));
        String shown = host.equals("0.0.0.0") ? "THIS_MACHINE" : host.contains(":") ? "[" + host + "]" : host;
        out.printf("rating study %s: %d methods x %d images, %d calibration images%n", study, folder.methods().size(),
                folder.images().size(), folder.calibration().size());
        out.printf("raters: open http://%s:%d/%nresults (this machine only): http://127.0.0.1:%d/results%n"
                + "Ctrl-C stops; every rating is already stored in %s%n", shown, server.port(), server.port(),
                folder.database());
        out.flush();
        server.join();
        return 0;
    }

    private static Path withParents(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return file;
    }
}
