package io.github.srgandl4j.examples.upscale;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.model.Models;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.testing.SharedData;
import io.github.srgandl4j.core.upscale.TilingOptions;
import io.github.srgandl4j.core.upscale.Upscaler;
import io.github.srgandl4j.data.io.ImageLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The measurements behind {@link TilingOptions#DEFAULT_TILE} and {@link TilingOptions#DEFAULT_PAD}
 * (docs/upscaling.md): seam error against tile padding, and time per image against tile size, for
 * the shared ONNX SRGAN (receptive radius 18) and a randomly initialised SRResNet of the paper's
 * size (radius 40). Off by default (minutes of CPU); run with
 * {@code mvn -o -q -pl srgan-examples test -Dtest=TilingMeasurement -Dsrgan.bench=true}; the
 * tables go to stdout.
 */
@EnabledIfSystemProperty(named = "srgan.bench", matches = "true")
class TilingMeasurement {
    static final int[] PADS = {4, 8, 12, 16, 24};
    static final int[] TILES = {64, 96, 128, 192, 256};

    static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    static ImageData whole(SuperResolutionModel m, ImageData lr) {
        return Upscaler.builder(m).optTiling(new TilingOptions(Math.max(lr.width(), lr.height()), 0, TilingOptions.Border.ZERO)).build().upscale(lr);
    }

    @Test
    void padAndTileSweep() throws Exception {
        ImageLoader loader = new ImageLoader();
        ImageData seamImage = loader.read(SharedData.require("data/benchmarks/Set14/LR_bicubic_x4/img_002_SRF_4_LR.png"));
        ImageData timeImage = loader.read(SharedData.require("data/benchmarks/BSD100/HR/img_001_SRF_4_HR.png")).crop(0, 0, 320, 240);
        List<SuperResolutionModel> models = new ArrayList<>();
        models.add(Models.load(SharedData.require("models/pretrained/srgan_x4_leftthomas.onnx")));
        models.add(SrResNetModel.initialise(SrResNetConfig.paper(), 7));
        int seamTile = Integer.getInteger("srgan.bench.seamTile", 64);
        int timePad = Integer.getInteger("srgan.bench.timePad", TilingOptions.DEFAULT_PAD);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "seams: %s (%dx%d LR), tile %d; max |tiled - whole| in [0,1] units (x255 in levels)%n",
                "Set14 img_002", seamImage.width(), seamImage.height(), seamTile));
        for (SuperResolutionModel m : Boolean.getBoolean("srgan.bench.skipSeams") ? List.<SuperResolutionModel>of() : models) {
            float[] ref = whole(m, seamImage).pixels();
            out.append(String.format(Locale.ROOT, "%s (radius %d):", m.name(), m.receptiveRadius()));
            for (int pad : PADS) {
                float[] t = Upscaler.builder(m).optTiling(new TilingOptions(seamTile, pad, TilingOptions.Border.ZERO)).build().upscale(seamImage).pixels();
                double d = maxDiff(ref, t);
                out.append(String.format(Locale.ROOT, " pad %d: %.2e (%.3f levels);", pad, d, d * 255));
            }
            out.append('\n');
            System.out.print(out);
            out.setLength(0);
        }
        out.append(String.format(Locale.ROOT, "time: BSD100 img_001 HR, top-left 320x240 used as LR (%dx%d -> x4), pad %d, fastest of the runs (s)%n",
                timeImage.width(), timeImage.height(), timePad));
        int runs = Integer.getInteger("srgan.bench.runs", 1);
        if (Boolean.getBoolean("srgan.bench.skipSeams")) {
            out.setLength(0);
        }
        for (SuperResolutionModel m : models) {
            whole(m, seamImage.crop(0, 0, 64, 64)); // warm-up
            out.append(String.format(Locale.ROOT, "%s:", m.name()));
            for (int tile : TILES) {
                Upscaler up = Upscaler.builder(m).optTiling(new TilingOptions(tile, timePad, TilingOptions.Border.ZERO)).build();
                double[] s = new double[runs];
                for (int r = 0; r < runs; r++) {
                    long t0 = System.nanoTime();
                    up.upscale(timeImage);
                    s[r] = (System.nanoTime() - t0) / 1e9;
                }
                Arrays.sort(s);
                out.append(String.format(Locale.ROOT, " tile %d (%d tiles): min %.2f s %s;", tile,
                        up.tileCount(timeImage.width(), timeImage.height()), s[0], Arrays.toString(s)));
                System.out.print(out);
                out.setLength(0);
            }
            System.out.println();
        }
        for (SuperResolutionModel m : models) {
            m.close();
        }
    }
}
