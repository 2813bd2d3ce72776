package io.github.srgandl4j.examples.cli;

import io.github.srgandl4j.core.image.BicubicUpscaler;
import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.model.Models;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.upscale.Upscaler;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.io.PngWriter;
import io.github.srgandl4j.data.metrics.ImageQuality;
import io.github.srgandl4j.data.metrics.MetricOptions;
import io.github.srgandl4j.data.metrics.Niqe;
import io.github.srgandl4j.data.metrics.QualityScore;
import io.github.srgandl4j.data.resize.Degradation;
import io.github.srgandl4j.examples.figure.ComparisonFigure;
import io.github.srgandl4j.examples.figure.ComparisonFigure.Crop;
import io.github.srgandl4j.examples.figure.ComparisonFigure.Panel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code srgan compare}: a side-by-side figure of bicubic, each model and the HR original on one
 * image, each panel labelled with PSNR/SSIM and showing a zoomed crop (the SRGAN paper's Figure 2).
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Make a comparison figure: the HR image is cropped to a multiple of the scale and downscaled with MATLAB"
                    + " bicubic (as 'srgan degrade'); the LR image is upscaled by bicubic and by each model.",
            "Panels: bicubic, each model, HR; each labelled with its PSNR/SSIM on Y (shave = scale, as 'srgan evaluate')"
                    + " and below that its NIQE (lower is more natural; docs/metrics.md), and showing the crop (--crop,"
                    + " default a centred square) enlarged below the whole image.",
            "Scores go to stdout."
        })
final class CompareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--models", required = true, split = ",", paramLabel = "MODEL",
            description = "Comma-separated models: built-in names (default, srgan, srresnet) or files (.onnx or library model files).")
    List<String> models;

    @Option(names = "--hr", required = true, paramLabel = "IMAGE", description = "The ground-truth HR image.")
    Path hr;

    @Option(names = "--out", required = true, paramLabel = "FIG.png", description = "The figure (PNG).")
    Path out;

    @Option(names = "--scale", defaultValue = "4", description = "Upscaling factor (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--crop", paramLabel = "X,Y,W,H", description = "Region to enlarge, in HR pixels (default: a centred square).")
    String crop;

    @Option(names = "--panel-width", defaultValue = "320", paramLabel = "PX",
            description = "Images wider than this are shown reduced by an integer factor (default: ${DEFAULT-VALUE}).")
    int panelWidth;

    @Option(names = "--zoom", defaultValue = "0", paramLabel = "N",
            description = "Show each crop pixel as an N x N block (default: 0, as large as fits the reduced image).")
    int zoom;

    @Option(names = "--save-panels", paramLabel = "DIR", description = "Also write each panel's full image as PNG to DIR.")
    Path savePanels;

    @CommandLine.Mixin
    ModelChoice.RangeOptions ranges = new ModelChoice.RangeOptions();

    @CommandLine.Mixin
    TilingFlags tiling = new TilingFlags();

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (scale < 1) {
            throw new CommandLine.ParameterException(cl, "--scale must be >= 1, got " + scale);
        }
        if (panelWidth < 16) {
            throw new CommandLine.ParameterException(cl, "--panel-width must be >= 16, got " + panelWidth);
        }
        if (zoom < 0 || zoom > 16) {
            throw new CommandLine.ParameterException(cl, "--zoom must be 0 (automatic) to 16, got " + zoom);
        }
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new CommandLine.ParameterException(cl, "--out must name a .png file, got " + out);
        }
        var tilingOptions = tiling.options(cl);
        ImageData hrImage = Degradation.modCrop(new ImageLoader().read(hr).withoutAlpha(), scale);
        Crop c;
        try {
            c = crop == null ? Crop.centred(hrImage.width(), hrImage.height()) : Crop.parse(crop);
            c.check(hrImage.width(), hrImage.height());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--crop: " + e.getMessage() + " (" + hr + ", cropped to a multiple of "
                    + scale + ")");
        }
        ImageData lr = Degradation.bicubic(hrImage, scale);
        MetricOptions metric = MetricOptions.standard(scale);
        PrintWriter stdout = cl.getOut();
        List<Panel> panels = new ArrayList<>();
        panels.add(panel("bicubic", new BicubicUpscaler(scale).upscale(lr), hrImage, metric, stdout));
        List<String> choices = models.stream().map(String::trim).toList();
        List<String> fileLabels = fileLabels(choices);
        for (int i = 0; i < choices.size(); i++) {
            String choice = choices.get(i);
            try (SuperResolutionModel m = ModelChoice.load(cl, choice, ranges)) {
                if (m.scale() != scale) {
                    throw new CommandLine.ParameterException(cl, "--scale is " + scale + " but model " + choice + " upscales x"
                            + m.scale());
                }
                ImageData sr = Upscaler.builder(m).optTiling(tilingOptions).optBackProjection(tiling.backProjection.iterations())
                        .optSelfEnsemble(tiling.selfEnsemble).build()
                        .upscale(lr);
                String label = Upscaler.label(fileLabels.get(i) != null ? fileLabels.get(i) : m.name(), tiling.selfEnsemble,
                        tiling.backProjection.iterations());
                panels.add(panel(label, sr, hrImage, metric, stdout));
            }
        }
        panels.add(new Panel("HR (original)", "reference (PSNR / SSIM)\n" + niqeLabel(hrImage, scale), hrImage));
        stdout.printf(Locale.ROOT, "%-24s %s%n", "HR (original)", niqeLabel(hrImage, scale));
        var figure = ComparisonFigure.render(panels, c, panelWidth, zoom);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        PngWriter.write(ImageData.fromBufferedImage(figure), out, 8);
        if (savePanels != null) {
            Files.createDirectories(savePanels);
            for (int i = 0; i < panels.size(); i++) {
                String name = String.format(Locale.ROOT, "%d_%s.png", i, panels.get(i).title().replaceAll("[^A-Za-z0-9_.-]+", "_"));
                PngWriter.write(panels.get(i).image(), savePanels.resolve(name), 8);
            }
        }
        stdout.printf(Locale.ROOT, "wrote %s (%dx%d; crop %d,%d,%d,%d of the %dx%d HR image)%n", out, figure.getWidth(),
                figure.getHeight(), c.x(), c.y(), c.w(), c.h(), hrImage.width(), hrImage.height());
        stdout.flush();
        return 0;
    }

    /**
     * Panel labels of the model files among {@code choices} ({@code null} for built-in names, which are labelled with
     * the model's name): each file's name, or where several files share a name, the shortest ending of their paths
     * that tells them apart ({@code runs/one/c/srgan.srgan} and {@code runs/two/c/srgan.srgan} become
     * {@code one/c/srgan.srgan} and {@code two/c/srgan.srgan}). The same file given twice keeps its whole path on both
     * panels. The platform's separator is shown as {@code /}.
     */
    static List<String> fileLabels(List<String> choices) {
        List<Path> paths = new ArrayList<>();
        for (String choice : choices) {
            Path p = Models.isBuiltIn(choice) ? null : Path.of(choice).normalize();
            paths.add(p == null || p.getNameCount() == 0 ? null : p);
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            Path p = paths.get(i);
            int depth = 1; // one more name than the longest ending shared with another file
            for (int j = 0; j < paths.size(); j++) {
                if (j != i && p != null && paths.get(j) != null) {
                    depth = Math.max(depth, sharedEnding(p, paths.get(j)) + 1);
                }
            }
            labels.add(p == null ? null : ending(p, depth));
        }
        return labels;
    }

    /** How many trailing names {@code a} and {@code b} have in common. */
    private static int sharedEnding(Path a, Path b) {
        int na = a.getNameCount();
        int nb = b.getNameCount();
        int k = 0;
        while (k < na && k < nb && a.getName(na - 1 - k).equals(b.getName(nb - 1 - k))) {
            k++;
        }
        return k;
    }

    private static String ending(Path p, int n) {
        int count = p.getNameCount();
        return (n >= count ? p : p.subpath(count - n, count)).toString().replace(p.getFileSystem().getSeparator(), "/");
    }

    private static Panel panel(String name, ImageData sr, ImageData hr, MetricOptions metric, PrintWriter stdout) {
        QualityScore s = ImageQuality.score(sr, hr, metric);
        String niqe = niqeLabel(sr, metric.shave());
        stdout.printf(Locale.ROOT, "%-24s PSNR %8.4f dB  SSIM %.4f  %s%n", name, s.psnr(), s.ssim(), niqe);
        stdout.flush();
        return new Panel(name, String.format(Locale.ROOT, "%.2f dB / %.4f\n%s", s.psnr(), s.ssim(), niqe), sr);
    }

    /** "NIQE x.xx" with the same border crop as PSNR, or why it is undefined (images under 96x96 pixels). */
    private static String niqeLabel(ImageData img, int shave) {
        try {
            return String.format(Locale.ROOT, "NIQE %.2f", Niqe.standard().score(img, shave));
        } catch (IllegalArgumentException e) {
            return "NIQE undefined (< 96x96)";
        }
    }
}
