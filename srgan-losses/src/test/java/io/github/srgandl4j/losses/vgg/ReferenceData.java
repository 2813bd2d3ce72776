package io.github.srgandl4j.losses.vgg;

import io.github.srgandl4j.core.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The shared VGG19 files and the reference crop/features, for tests. */
public final class ReferenceData {
    public static final String DIR = "models/vgg19/";
    public static final String WEIGHTS_ONLY = DIR + "vgg19_block3_notop_weights.h5";
    public static final String FULL_MODEL = DIR + "vgg19_block3_model.h5";
    public static final String CROP = DIR + "ref_set5_baby_hr_crop32_y240_x240.png";
    public static final String FEATURES = DIR + "ref_set5_baby_block2_conv2_nhwc_1x16x16x128_f32le.bin";

    private ReferenceData() {}

    public static Path weightsOnly() {
        return SharedData.require(WEIGHTS_ONLY);
    }

    public static Path fullModel() {
        return SharedData.require(FULL_MODEL);
    }

    /** The 32x32 crop as NCHW RGB in [-1, 1] (x / 127.5 - 1). */
    public static INDArray cropMinus1To1() throws IOException {
        BufferedImage img = ImageIO.read(SharedData.require(CROP).toFile());
        int h = img.getHeight();
        int w = img.getWidth();
        float[] data = new float[3 * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int[] c = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
                for (int ch = 0; ch < 3; ch++) {
                    data[(ch * h + y) * w + x] = (float) (c[ch] / 127.5 - 1.0);
                }
            }
        }
        return Nd4j.create(data, new long[] {1, 3, h, w}, 'c');
    }

    /** The reference block2_conv2 features, converted from NHWC to NCHW [1,128,16,16]. */
    public static INDArray referenceFeaturesNchw() throws IOException {
        byte[] bytes = Files.readAllBytes(SharedData.require(FEATURES));
        float[] f = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
        INDArray nhwc = Nd4j.create(f, new long[] {1, 16, 16, 128}, 'c');
        return nhwc.permute(0, 3, 1, 2).dup('c');
    }
}
