package io.github.srgandl4j.losses.vgg;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The input preprocessing of Keras' VGG19 ({@code keras.applications.vgg19.preprocess_input}, mode "caffe"),
 * as SameDiff ops, for images in this project's convention: RGB in [-1, 1], NCHW (generator output and HR
 * targets). Steps: [-1, 1] -> [0, 255] ({@code (x + 1) * 127.5}), RGB -> BGR (channel order reversed), then
 * subtract the ImageNet BGR means [103.939, 116.779, 123.68] per channel.
 */
public final class KerasVggPreprocessing {
    /** ImageNet channel means subtracted by Keras' VGG preprocessing, in BGR order. */
    public static final double[] BGR_MEAN = {103.939, 116.779, 123.68};
    /** Name of the shared mean constant in a graph. */
    public static final String MEAN_CONSTANT = Vgg19FeatureExtractor.CONSTANT_PREFIX + "bgr_mean";

    private KerasVggPreprocessing() {}

    /**
     * Adds the preprocessing to {@code sd}.
     *
     * @param sd     the graph
     * @param images NCHW RGB images in [-1, 1]
     * @param name   name of the output variable; intermediates are {@code name + "/0_255"} and {@code name + "/bgr"}
     * @return NCHW BGR images in [0, 255] minus the BGR means
     */
    public static SDVariable apply(SameDiff sd, SDVariable images, String name) {
        SDVariable mean;
        if (sd.hasVariable(MEAN_CONSTANT)) {
            mean = sd.getVariable(MEAN_CONSTANT);
        } else {
            INDArray m = Nd4j.createFromArray(BGR_MEAN).castTo(DataType.FLOAT).reshape(1, 3, 1, 1);
            mean = sd.constant(MEAN_CONSTANT, m);
        }
        SDVariable scaled = images.add(1.0).mul(name + "/0_255", 127.5);
        SDVariable bgr = sd.reverse(name + "/bgr", scaled, 1);
        return bgr.sub(name, mean);
    }
}
