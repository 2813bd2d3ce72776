package io.github.srgandl4j.examples.bench;

import io.github.srgandl4j.core.export.OnnxExport;
import io.github.srgandl4j.core.model.Models;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.onnx.ImportedOnnxModel;
import io.github.srgandl4j.core.onnx.OnnxGeneratorImporter;
import io.github.srgandl4j.onnxruntime.OrtGeneratorModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@code infer-onnx} case: the same ONNX models run by our importer (SameDiff) and by ONNX Runtime
 * with the same thread count, interleaved run by run in one process so that both see the same machine
 * load. Models: the shared ONNX generator ({@code shared-onnx}) and the built-in default model exported
 * to ONNX ({@code default-export}); the built-in model's own inference graph ({@code default/native}) is
 * timed too. Before timing, the outputs of the two runtimes are compared (printed).
 */
final class OnnxInferenceBench {
    private final BenchSettings settings;
    private final Path onnxFile;
    private final int threads;
    private final Consumer<String> progress;

    OnnxInferenceBench(BenchSettings settings, Path onnxFile, int threads, Consumer<String> progress) {
        this.settings = settings;
        this.onnxFile = onnxFile;
        this.threads = threads;
        this.progress = progress;
    }

    CaseResult run() {
        if (onnxFile == null || !Files.isRegularFile(onnxFile)) {
            throw new IllegalArgumentException("infer-onnx needs an ONNX generator file (--onnx-model), not found: " + onnxFile);
        }
        Nd4j.getRandom().setSeed(settings.seed());
        int s = settings.lrSize();
        INDArray lr = Nd4j.rand(DataType.FLOAT, 1, 3, s, s);
        Map<String, UnaryOperator<INDArray>> variants = new LinkedHashMap<>();
        try (SuperResolutionModel shared = OrtGeneratorModel.builder().setModel(Models.load(onnxFile)).optThreads(threads).build();
                OrtGeneratorModel defaultOrt = OrtGeneratorModel.builder().setModel(Models.load("default"))
                        .optThreads(threads).build()) {
            SuperResolutionModel sharedSameDiff = ((OrtGeneratorModel) shared).source();
            SrResNetModel native_ = (SrResNetModel) defaultOrt.source();
            ImportedOnnxModel defaultImported = new OnnxGeneratorImporter()
                    .importBytes(OnnxExport.builder().setModel(native_).build().toBytes(), "exported default");
            variants.put("shared-onnx/samediff", sharedSameDiff::forward);
            variants.put("shared-onnx/onnxruntime", shared::forward);
            variants.put("default-export/samediff", defaultImported::forward);
            variants.put("default-export/onnxruntime", defaultOrt::forward);
            variants.put("default/native", native_::forward);
            check("shared-onnx", variants.get("shared-onnx/samediff").apply(lr), variants.get("shared-onnx/onnxruntime").apply(lr));
            check("default-export", variants.get("default-export/samediff").apply(lr),
                    variants.get("default-export/onnxruntime").apply(lr));
            Map<String, List<Double>> runs = new LinkedHashMap<>();
            variants.keySet().forEach(k -> runs.put(k, new ArrayList<>()));
            int total = settings.warmup() + settings.iterations();
            for (int i = 0; i < total; i++) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  run %d/%d %s:", i + 1, total,
                        i >= settings.warmup() ? "timed" : "warm-up"));
                for (Map.Entry<String, UnaryOperator<INDArray>> v : variants.entrySet()) {
                    long t0 = System.nanoTime();
                    INDArray sr = v.getValue().apply(lr);
                    double ms = (System.nanoTime() - t0) / 1e6;
                    sr.close();
                    if (i >= settings.warmup()) {
                        runs.get(v.getKey()).add(ms);
                    }
                    line.append(String.format(Locale.ROOT, " %s %.1f ms", v.getKey(), ms));
                }
                progress.accept(line.toString());
            }
            Map<String, Double> ratios = new LinkedHashMap<>();
            ratios.put("shared-onnx samediff/onnxruntime", ratio(runs, "shared-onnx"));
            ratios.put("default-export samediff/onnxruntime", ratio(runs, "default-export"));
            ratios.put("default native/onnxruntime", CaseResult.median(runs.get("default/native"))
                    / CaseResult.median(runs.get("default-export/onnxruntime")));
            ratios.forEach((k, v) -> progress.accept(String.format(Locale.ROOT, "  ratio %s: %.2f", k, v)));
            return new CaseResult(BenchCase.INFER_ONNX, runs.get("shared-onnx/samediff"),
                    "1x3x" + s + "x" + s + " -> x4, " + threads + " threads, interleaved: " + onnxFile.getFileName()
                            + " and the exported built-in default, our importer (samediff) vs ONNX Runtime;"
                            + " median_ms = " + onnxFile.getFileName() + " through our importer",
                    runs, ratios);
        }
    }

    private static double ratio(Map<String, List<Double>> runs, String model) {
        return CaseResult.median(runs.get(model + "/samediff")) / CaseResult.median(runs.get(model + "/onnxruntime"));
    }

    private void check(String model, INDArray a, INDArray b) {
        double d = a.sub(b).amaxNumber().doubleValue();
        progress.accept(String.format(Locale.ROOT, "  %s: max |samediff - onnxruntime| = %.2e", model, d));
        if (!(d <= 1e-3)) {
            throw new IllegalStateException(model + ": the two runtimes disagree by " + d);
        }
    }
}
