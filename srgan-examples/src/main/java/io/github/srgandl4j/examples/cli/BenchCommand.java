package io.github.srgandl4j.examples.cli;

import io.github.srgandl4j.examples.bench.BenchCase;
import io.github.srgandl4j.examples.bench.BenchJson;
import io.github.srgandl4j.examples.bench.BenchSettings;
import io.github.srgandl4j.examples.bench.CampaignRecipe;
import io.github.srgandl4j.examples.bench.CaseResult;
import io.github.srgandl4j.core.runtime.ProcessMemory;
import io.github.srgandl4j.examples.bench.SrganBenchmarks;
import io.github.srgandl4j.losses.vgg.Vgg19WeightsLocator;
import io.github.srgandl4j.losses.vgg.VggLayer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import io.github.srgandl4j.core.train.StepOrder;

/**
 * {@code srgan bench}: warm, in-process timings of the library's inference and training steps with
 * random weights, the cases of the PyTorch peer ({@code shared/peer/torch_srgan_peer.py}). Progress
 * goes to stderr; stdout gets one JSON line with the median per case and the process's peak RSS.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Time SRResNet inference and SRGAN training steps in this process (random weights, warm runs).",
            "Cases: infer (1x3xSxS -> x4, inference graph), train-mse (one generator step, pixel MSE), "
                    + "train-gan (one discriminator + one generator step, VGG content + 1e-3 adversarial), "
                    + "train-campaign (one iteration of training/srgan-x4-b8c64-rb.sh's recipe: 8 blocks, batch 8, 64 crops, "
                    + "L1 pixel + L1 VGG conv3_4, relativistic GAN, spectral-norm discriminator, EMA), "
                    + "infer-onnx (ONNX models through our importer and through ONNX Runtime, same threads, interleaved).",
            "Prints one JSON line on stdout: median_ms and runs_ms per case, peak RSS (VmHWM) of the process.",
            "For thread counts to apply to oneDNN too, also set OMP_NUM_THREADS (bench/compare.sh does); on a "
                    + "machine shared with other jobs OMP_WAIT_POLICY=PASSIVE avoids a 2-3x slowdown (see docs/performance.md)."
        })
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--case", split = ",", paramLabel = "CASE",
            description = "Cases to run: infer, train-mse, train-gan, train-campaign, infer-onnx, or all (= infer, train-mse, "
                    + "train-gan; the default), comma-separated.")
    List<String> cases = new ArrayList<>(List.of("all"));

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed runs per case (default: ${DEFAULT-VALUE}). The "
            + "JVM's JIT compiler needs about 5 training steps, and 15-20 s for train-campaign's short steps, before "
            + "the steady speed; bench/compare.sh gives train-campaign 20 (docs/performance.md, sections 8 and 23).")
    int warmup;

    @Option(names = {"--iterations", "--runs"}, defaultValue = "5",
            description = "Timed runs per case; the median is reported (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--threads", paramLabel = "N",
            description = "ND4J threads (default: the OMP_NUM_THREADS variable if set, else the number of cores).")
    Integer threads;

    @Option(names = "--lr-size", defaultValue = "128", description = "LR side of the infer case (default: ${DEFAULT-VALUE}).")
    int lrSize;

    @Option(names = "--batch", paramLabel = "N",
            description = "Batch of the training cases (default: 16; train-campaign: the script's 8).")
    Integer batch;

    @Option(names = "--crop", paramLabel = "N",
            description = "HR crop of the training cases (default: 96; train-campaign: the script's 64).")
    Integer crop;

    @Option(names = "--vgg-layer", defaultValue = "2,2", paramLabel = "I,J",
            description = "VGG19 layer phi_i,j of train-gan's content loss (default: ${DEFAULT-VALUE}; train-campaign "
                    + "always uses the script's 3,4).")
    String vggLayer;

    @Option(names = "--vgg-weights", paramLabel = "FILE",
            description = "Keras VGG19 HDF5 weights for train-gan and train-campaign (default: -Dsrgan.vgg19.weights, SRGAN_VGG19_WEIGHTS or "
                    + "the Keras cache).")
    Path vggWeights;

    @Option(names = "--step-order", paramLabel = "ORDER",
            description = "Step order of the adversarial cases, d-first or g-first (default: train-gan d-first, the "
                    + "paper's and the PyTorch peer's; train-campaign its script's, g-first).")
    String stepOrder;

    @Option(names = "--step-executor", defaultValue = "compiled", paramLabel = "EXECUTOR",
            description = "What runs the training cases' steps: compiled (default, a fixed plan with reused arrays) or "
                    + "samediff (SameDiff's fit()).")
    String stepExecutor;

    @Option(names = "--profile", description = "Times every op of the training cases' timed runs and prints a "
            + "breakdown per network part, pass and op type to stderr (the timing adds a little overhead).")
    boolean profile;

    @Option(names = "--onnx-model", paramLabel = "FILE",
            description = "ONNX generator of the infer-onnx case (default: SRGAN_SHARED or ../shared, "
                    + "models/pretrained/srgan_x4_leftthomas.onnx).")
    Path onnxModel;

    @Override
    public Integer call() throws Exception {
        List<BenchCase> selected = selectedCases();
        int n = threads != null ? threads : defaultThreads();
        if (n < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 1, got " + n);
        }
        Path vgg = vggWeights;
        if (vgg == null && (selected.contains(BenchCase.TRAIN_GAN) || selected.contains(BenchCase.TRAIN_CAMPAIGN))) {
            vgg = Vgg19WeightsLocator.locate();
        }
        BenchSettings settings;
        CampaignRecipe campaign = CampaignRecipe.srganX4B8c64Rb();
        StepOrder order = null;
        io.github.srgandl4j.core.train.StepExecutor executor;
        try {
            executor = io.github.srgandl4j.core.train.StepExecutor.parse(stepExecutor);
            settings = new BenchSettings(warmup, iterations, lrSize, batch != null ? batch : 16, crop != null ? crop : 96,
                    parseLayer(), vgg, 0);
            campaign = campaign.withShape(batch != null ? batch : campaign.batch(), crop != null ? crop : campaign.crop());
            if (stepOrder != null) {
                order = StepOrder.parse(stepOrder);
                campaign = campaign.withStepOrder(order);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        PrintWriter err = spec.commandLine().getErr();
        SrganBenchmarks bench = new SrganBenchmarks(settings, line -> {
            err.println(line);
            err.flush();
        }).optOnnx(onnxModel != null ? onnxModel : defaultOnnxModel(), n).optProfile(profile).optCampaign(campaign)
                .optGanStepOrder(order != null ? order : StepOrder.DISCRIMINATOR_FIRST).optStepExecutor(executor);
        List<CaseResult> results = new ArrayList<>();
        List<Double> rssAfter = new ArrayList<>();
        for (BenchCase c : selected) {
            err.printf("bench %s (%d warm-up + %d timed runs, %d threads)%n", c.id(), warmup, iterations, n);
            err.flush();
            CaseResult r = bench.run(c);
            results.add(r);
            rssAfter.add(ProcessMemory.peakRssKib() / 1024.0);
            err.printf("bench %s: median %.1f ms%n", c.id(), r.medianMs());
            err.flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(BenchJson.report(n, results, rssAfter, ProcessMemory.peakRssKib() / 1024.0, environment()));
        out.flush();
        return 0;
    }

    private List<BenchCase> selectedCases() {
        List<BenchCase> out = new ArrayList<>();
        for (String c : cases) {
            String id = c.trim();
            List<BenchCase> add;
            if (id.equals("all")) {
                // the cases of the PyTorch peer; infer-onnx (which needs an ONNX file) only when named
                add = List.of(BenchCase.INFER, BenchCase.TRAIN_MSE, BenchCase.TRAIN_GAN);
            } else {
                try {
                    add = List.of(BenchCase.parse(id));
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                }
            }
            add.stream().filter(x -> !out.contains(x)).forEach(out::add);
        }
        return out;
    }

    private static Path defaultOnnxModel() {
        String shared = System.getenv("SRGAN_SHARED");
        return Path.of(shared != null ? shared : "../shared").resolve("models/pretrained/srgan_x4_leftthomas.onnx");
    }

    private VggLayer parseLayer() {
        return VggLayer.parse(vggLayer);
    }

    private static int defaultThreads() {
        String omp = System.getenv("OMP_NUM_THREADS");
        if (omp != null && omp.matches("\\d+")) {
            return Integer.parseInt(omp);
        }
        return Runtime.getRuntime().availableProcessors();
    }

    private static Map<String, String> environment() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("OMP_NUM_THREADS", String.valueOf(System.getenv("OMP_NUM_THREADS")));
        m.put("OMP_WAIT_POLICY", String.valueOf(System.getenv("OMP_WAIT_POLICY")));
        m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("java", System.getProperty("java.version"));
        m.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        m.put("nd4j_max_threads", Integer.toString(Nd4j.getEnvironment().maxThreads()));
        return m;
    }
}
