package io.github.srgandl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.BicubicUpscaler;
import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.model.Models;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.testing.SharedData;
import io.github.srgandl4j.core.upscale.Upscaler;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.resize.Degradation;
import io.github.srgandl4j.examples.figure.ComparisonFigure;
import io.github.srgandl4j.examples.figure.ComparisonFigure.Crop;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code srgan compare}: the figure's panels hold exactly the images they claim to show. */
class CompareCommandTest {
    @TempDir
    Path tmp;

    private static int rgb(ImageData img, int x, int y) {
        ImageData c = img.isGray() ? img.toRgb() : img;
        return (ImageData.toUint8(c.get(0, y, x)) << 16) | (ImageData.toUint8(c.get(1, y, x)) << 8) | ImageData.toUint8(c.get(2, y, x));
    }

    /** Every pixel of the enlarged crop region is the crop's pixel at (x / zoom, y / zoom). */
    private static void assertZoomShows(BufferedImage fig, Rectangle z, int zoom, ImageData img, Crop crop, String what) {
        assertEquals(crop.w() * zoom, z.width);
        for (int y = 0; y < z.height; y++) {
            for (int x = 0; x < z.width; x++) {
                int expected = rgb(img, crop.x() + x / zoom, crop.y() + y / zoom);
                int got = fig.getRGB(z.x + x, z.y + y) & 0xFFFFFF;
                if (expected != got) {
                    throw new AssertionError(what + ": zoom pixel (" + x + "," + y + ") is " + Integer.toHexString(got) + ", expected "
                            + Integer.toHexString(expected));
                }
            }
        }
    }

    /** The whole-image view at divisor 1 holds the image pixel for pixel, except under the crop marker. */
    private static void assertViewShows(BufferedImage fig, Rectangle v, ImageData img, Crop crop, String what) {
        for (int y = 0; y < v.height; y++) {
            for (int x = 0; x < v.width; x++) {
                boolean marker = x >= crop.x() - 2 && x < crop.x() + crop.w() + 2 && y >= crop.y() - 2
                        && y < crop.y() + crop.h() + 2 && !(x >= crop.x() && x < crop.x() + crop.w() && y >= crop.y()
                                && y < crop.y() + crop.h());
                if (!marker && rgb(img, x, y) != (fig.getRGB(v.x + x, v.y + y) & 0xFFFFFF)) {
                    throw new AssertionError(what + ": view pixel (" + x + "," + y + ") differs");
                }
                if (marker && (fig.getRGB(v.x + x, v.y + y) & 0xFFFFFF) != 0xE61414) {
                    throw new AssertionError(what + ": marker pixel (" + x + "," + y + ") is not red");
                }
            }
        }
    }

    @Test
    void modelFilesOfTheSameNameGetTheShortestPathEndingsThatTellThemApart() {
        assertEquals(Arrays.asList("one/c/srgan.srgan", "two/c/srgan.srgan", "peer.onnx", null, null),
                CompareCommand.fileLabels(List.of("runs/one/c/srgan.srgan", "runs/two/c/srgan.srgan", "models/peer.onnx",
                        "srresnet", "default")));
        assertEquals(Arrays.asList("a/m.srgan", "m.srgan", "tiny.srgan"),
                CompareCommand.fileLabels(List.of("x/a/m.srgan", "m.srgan", "./y/../tiny.srgan")));
        // the same file twice: nothing tells the two apart, both keep the whole path
        assertEquals(Arrays.asList("d/m.srgan", "d/m.srgan"), CompareCommand.fileLabels(List.of("d/m.srgan", "d/./m.srgan")));
    }

    @Test
    void panelsAreBicubicTheModelAndHrWithScores() throws Exception {
        Path hrFile = SharedData.require("data/benchmarks/Set5/HR/img_003_SRF_4_HR.png"); // 256x256
        Path model = tmp.resolve("tiny.srgan");
        SrResNetModel.initialise(SrResNetConfig.of(4, 1, 8), 9).save(model);
        Path fig = tmp.resolve("figs/fig.png");
        CliRun r = CliRun.of("compare", "--models", model.toString(), "--hr", hrFile.toString(), "--out", fig.toString(),
                "--crop", "100,60,40,32");
        assertEquals(0, r.exit(), r.err());

        ImageData hr = new ImageLoader().read(hrFile);
        ImageData lr = Degradation.bicubic(hr, 4);
        ImageData bicubic = new BicubicUpscaler(4).upscale(lr);
        ImageData sr;
        try (SuperResolutionModel m = Models.load(model)) {
            sr = Upscaler.of(m).upscale(lr);
        }
        Crop crop = new Crop(100, 60, 40, 32);
        ComparisonFigure.Layout l = ComparisonFigure.layout(256, 256, 3, crop, 320);
        BufferedImage img = ImageIO.read(fig.toFile());
        assertEquals(l.width(), img.getWidth());
        assertEquals(l.height(), img.getHeight());
        assertEquals(1, l.divisor());
        assertEquals(6, l.zoom(), "40-pixel crop enlarged to fit 256 pixels");
        ImageData[] panels = {bicubic, sr, hr};
        String[] names = {"bicubic", "model", "HR"};
        for (int i = 0; i < 3; i++) {
            assertZoomShows(img, l.zooms().get(i), l.zoom(), panels[i], crop, names[i]);
            assertViewShows(img, l.views().get(i), panels[i], crop, names[i]);
        }
        // bicubic's score is the shared reference value for this image (independent MATLAB computation)
        Matcher b = Pattern.compile("bicubic\\s+PSNR\\s+([0-9.]+) dB\\s+SSIM ([0-9.]+)").matcher(r.out());
        assertTrue(b.find(), r.out());
        assertEquals(22.0992, Double.parseDouble(b.group(1)), 0.0005 + 5e-5);
        assertEquals(0.7368, Double.parseDouble(b.group(2)), 0.0001 + 5e-5);
        // NIQE under each score; HR's is the reference value of niqe_reference.csv (crop border 4)
        assertTrue(Pattern.compile("(?m)^bicubic\\s+PSNR.*NIQE [0-9.]+$").matcher(r.out()).find(), r.out());
        Matcher h = Pattern.compile("HR \\(original\\)\\s+NIQE ([0-9.]+)").matcher(r.out());
        assertTrue(h.find(), r.out());
        assertEquals(5.205028, Double.parseDouble(h.group(1)), 0.01);
        // a model file's panel is labelled with its file name and the default back-projection
        assertTrue(Pattern.compile("(?m)^tiny\\.srgan\\+bp1\\s+PSNR").matcher(r.out()).find(), r.out());
        assertTrue(r.out().contains("wrote " + fig), r.out());
    }

    @Test
    void wideImagesAreReducedAndTheDefaultCropIsCentred() throws Exception {
        Path hrFile = SharedData.require("data/benchmarks/Set5/HR/img_001_SRF_4_HR.png"); // 512x512
        Path model = tmp.resolve("tiny.srgan");
        SrResNetModel.initialise(SrResNetConfig.of(4, 1, 4), 3).save(model);
        Path fig = tmp.resolve("fig.png");
        CliRun r = CliRun.of("compare", "--models", model + "," + model, "--hr", hrFile.toString(), "--out", fig.toString());
        assertEquals(0, r.exit(), r.err());
        Crop crop = Crop.centred(512, 512);
        assertEquals(new Crop(213, 213, 85, 85), crop, "side 512 / 6 = 85 at (512 - 85) / 2 = 213");
        ComparisonFigure.Layout l = ComparisonFigure.layout(512, 512, 4, crop, 320);
        assertEquals(2, l.divisor());
        BufferedImage img = ImageIO.read(fig.toFile());
        assertEquals(l.width(), img.getWidth());
        ImageData hr = new ImageLoader().read(hrFile);
        assertZoomShows(img, l.zooms().get(3), l.zoom(), hr, crop, "HR");
        // a reduced view pixel is the rounded mean of its 2x2 block
        Rectangle v = l.views().get(3);
        for (int c = 0; c < 3; c++) {
            double mean = (hr.get(c, 20, 30) + hr.get(c, 20, 31) + hr.get(c, 21, 30) + hr.get(c, 21, 31)) / 4.0;
            int got = (img.getRGB(v.x + 15, v.y + 10) >> (16 - 8 * c)) & 0xFF;
            assertEquals(ImageData.toUint8((float) mean), got, "channel " + c);
        }
    }

    /** {@code compare} of a one-block, 4-channel random model's file against {@code hr} into {@code fig}. */
    private CliRun compareTiny(Path hr, Path fig, String... options) throws Exception {
        Path model = tmp.resolve("tiny.srgan");
        SrResNetModel.initialise(SrResNetConfig.of(4, 1, 4), 3).save(model);
        List<String> args = new java.util.ArrayList<>(List.of("compare", "--models", model.toString(), "--hr",
                hr.toString(), "--out", fig.toString()));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(new String[0]));
    }

    @Test
    void zoomSetsTheCropEnlargementApartFromThePanelWidth() throws Exception {
        Path hrFile = SharedData.require("data/benchmarks/Set5/HR/img_001_SRF_4_HR.png"); // 512x512
        Path fig = tmp.resolve("fig.png");
        CliRun r = compareTiny(hrFile, fig, "--panel-width", "224", "--zoom", "3", "--crop", "100,120,64,48");
        assertEquals(0, r.exit(), r.err());
        Crop crop = new Crop(100, 120, 64, 48);
        ComparisonFigure.Layout l = ComparisonFigure.layout(512, 512, 3, crop, 224, 3);
        assertEquals(3, l.divisor(), "512 pixels shown in at most 224: reduced 3 times, 170 pixels");
        assertEquals(3, l.zoom());
        assertEquals(192, l.zooms().get(2).width, "64 crop pixels, 3 x 3 each");
        assertEquals(2, ComparisonFigure.layout(512, 512, 3, crop, 224).zoom(), "automatic: 170 / 64, rounded down");
        BufferedImage img = ImageIO.read(fig.toFile());
        assertEquals(l.width(), img.getWidth());
        assertEquals(l.height(), img.getHeight());
        assertZoomShows(img, l.zooms().get(2), 3, new ImageLoader().read(hrFile), crop, "HR");
        assertEquals(2, compareTiny(hrFile, fig, "--zoom", "-1").exit());
        assertEquals(2, compareTiny(hrFile, fig, "--zoom", "17").exit());
    }

    @Test
    void usageErrors() throws Exception {
        Path hrFile = SharedData.require("data/benchmarks/Set5/HR/img_003_SRF_4_HR.png");
        String out = tmp.resolve("f.png").toString();
        CliRun crop = CliRun.of("compare", "--models", "x.onnx", "--hr", hrFile.toString(), "--out", out, "--crop", "250,0,10,10");
        assertEquals(2, crop.exit());
        assertTrue(crop.err().contains("does not fit inside the 256x256 image"), crop.err());
        assertEquals(2, CliRun.of("compare", "--hr", hrFile.toString(), "--out", out).exit(), "--models is required");
        assertEquals(2, CliRun.of("compare", "--models", "a.onnx", "--hr", hrFile.toString(), "--out", "f.jpg").exit());
        CliRun missing = CliRun.of("compare", "--models", tmp.resolve("none.srgan").toString(), "--hr", hrFile.toString(), "--out", out);
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("none.srgan"), missing.err());
        assertTrue(!Files.exists(Path.of(out)), "no figure after a failure");
        CliRun builtIn = CliRun.of("compare", "--models", "srgan", "--hr", hrFile.toString(), "--out", out,
                "--back-projection", "1");
        assertEquals(0, builtIn.exit(), builtIn.err());
        assertTrue(Files.size(Path.of(out)) > 0, "the bundled model makes a figure");
        assertTrue(builtIn.out().contains("srgan+bp1"), "the panel names the back-projection: " + builtIn.out());
        assertEquals(2, CliRun.of("compare", "--models", "srgan", "--hr", hrFile.toString(), "--out", out,
                "--back-projection", "-1").exit());
    }
}
