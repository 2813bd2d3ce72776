package io.github.srgandl4j.losses.vgg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * A frozen VGG19 truncated at phi_i,j, built into a caller's SameDiff graph.
 *
 * <p>The graph is: {@link KerasVggPreprocessing} (RGB [-1, 1] -> Keras' BGR minus mean), then the VGG19
 * convolutions (3x3, stride 1, zero 'same' padding, ReLU) and 2x2 max-pools up to and including the ReLU of
 * {@code block<i>_conv<j>}. All tensors are NCHW float32; kernels stay in Keras' HWIO layout
 * ({@link WeightsFormat#YXIO}).
 *
 * <p>The weights are SameDiff <em>constants</em> ({@code sd.constant}), never variables: no trainer updates them
 * or computes gradients for them, while gradients still flow through them to the images. Constants are named
 * {@code vgg19/<layer>/kernel} and {@code vgg19/<layer>/bias}; calling {@link #features} several times in one
 * graph (e.g. for SR and HR images) reuses the same constants, it never duplicates the weights.
 */
public final class Vgg19FeatureExtractor {
    /** Prefix of every constant this class adds to a graph. */
    public static final String CONSTANT_PREFIX = "vgg19/";

    private final Vgg19Weights weights;
    private final VggLayer layer;
    private final VggLayout layout;
    private SameDiff standalone;
    private String standaloneOutput;

    /**
     * An extractor of {@code layer} from {@code weights}.
     *
     * @throws IllegalArgumentException naming the weights file and the missing layer if {@code weights} lacks a
     *     layer needed for {@code layer}
     */
    public Vgg19FeatureExtractor(Vgg19Weights weights, VggLayer layer) {
        this(weights, layer, VggLayout.configured());
    }

    private Vgg19FeatureExtractor(Vgg19Weights weights, VggLayer layer, VggLayout layout) {
        this.weights = Objects.requireNonNull(weights, "weights");
        this.layer = Objects.requireNonNull(layer, "layer");
        this.layout = Objects.requireNonNull(layout, "layout");
        weights.requireUpTo(layer);
    }

    /**
     * The same extractor (same weights, same graph constants) computing in {@code layout} inside graphs. The default is
     * {@link VggLayout#configured()}: channels-last on hosts where that is faster, the same values either way.
     */
    public Vgg19FeatureExtractor withLayout(VggLayout layout) {
        return layout == this.layout ? this : new Vgg19FeatureExtractor(weights, layer, layout);
    }

    /** The layout VGG19 runs in inside graphs (inputs and features are NCHW either way). */
    public VggLayout layout() {
        return layout;
    }

    /**
     * Loads the weights needed for {@code layer} from a Keras HDF5 file (weights-only or full model).
     *
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws VggWeightsException naming the file (and layer) if it is not HDF5, lacks a needed layer or holds a
     *     layer with the wrong shape
     */
    public static Vgg19FeatureExtractor load(Path file, VggLayer layer) throws IOException {
        return new Vgg19FeatureExtractor(Vgg19Weights.load(file, layer), layer);
    }

    /** The feature map this extractor ends at. */
    public VggLayer layer() {
        return layer;
    }

    /** The weights it uses. */
    public Vgg19Weights weights() {
        return weights;
    }

    /** Name of the kernel constant of {@code l} in a graph. */
    public static String kernelConstantName(VggLayer l) {
        return CONSTANT_PREFIX + l.kerasName() + "/kernel";
    }

    /** Name of the bias constant of {@code l} in a graph. */
    public static String biasConstantName(VggLayer l) {
        return CONSTANT_PREFIX + l.kerasName() + "/bias";
    }

    /**
     * Adds VGG19 up to phi_i,j to {@code sd}.
     *
     * @param sd         the graph (for training, the generator's graph)
     * @param images     NCHW RGB images in [-1, 1], float32, any spatial size
     * @param namePrefix prefix of the ops' outputs, unique per call (e.g. {@code "vgg_sr"} and {@code "vgg_hr"}):
     *                   {@code prefix/preprocessed}, {@code prefix/block1_conv1} (after ReLU), {@code prefix/block1_pool}, ...
     * @return the features, NCHW {@code [N, C, H / 2^(i-1), W / 2^(i-1)]} (floor division), named
     *     {@code namePrefix + "/" + layer.kerasName()}; with {@link VggLayout#NHWC} the intermediate values (and the
     *     layer's own convolution, named with a {@code _nhwc} suffix) are channels-last, and the images enter through
     *     {@code prefix/preprocessed_nhwc}
     * @throws IllegalArgumentException if {@code namePrefix} was already used in {@code sd}
     * @throws IllegalStateException if {@code sd} already holds a {@code vgg19/...} variable that is not one of these
     *     weights' constants (e.g. another Vgg19Weights instance was built into the same graph)
     */
    public SDVariable features(SameDiff sd, SDVariable images, String namePrefix) {
        return features(sd, images, namePrefix, false);
    }

    /**
     * As {@link #features(SameDiff, SDVariable, String)}, or, with {@code beforeActivation}, the output of the
     * convolution {@code block<i>_conv<j>} before its ReLU (named {@code namePrefix + "/" + kerasName + "_preact"};
     * ESRGAN's perceptual loss uses these).
     */
    public SDVariable features(SameDiff sd, SDVariable images, String namePrefix, boolean beforeActivation) {
        Objects.requireNonNull(sd, "sd");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(namePrefix, "namePrefix");
        if (sd.hasVariable(namePrefix + "/preprocessed")) {
            throw new IllegalArgumentException("the graph already has VGG19 features under the prefix '" + namePrefix
                    + "'; use one prefix per call (e.g. \"vgg_sr\" and \"vgg_hr\")");
        }
        SDVariable x = KerasVggPreprocessing.apply(sd, images, namePrefix + "/preprocessed");
        boolean nhwc = layout == VggLayout.NHWC;
        if (nhwc) {
            x = sd.permute(namePrefix + "/preprocessed_nhwc", x, 0, 2, 3, 1);
        }
        String result = namePrefix + "/" + layer.kerasName() + (beforeActivation ? "_preact" : "");
        for (VggLayer l : layer.withPredecessors()) {
            if (l.conv() == 1 && l.block() > 1) {
                x = sd.cnn().maxPooling2d(namePrefix + "/block" + (l.block() - 1) + "_pool", x, poolConfig(nhwc));
            }
            ConvWeights w = weights.get(l);
            SDVariable kernel = sharedConstant(sd, kernelConstantName(l), w.kernel());
            SDVariable bias = sharedConstant(sd, biasConstantName(l), w.bias());
            boolean last = l.equals(layer);
            String preact = namePrefix + "/" + l.kerasName() + "_preact";
            x = sd.cnn().conv2d(valueName(preact, result, nhwc), x, kernel, bias, convConfig(nhwc));
            if (last && beforeActivation) {
                break;
            }
            x = sd.nn().relu(valueName(namePrefix + "/" + l.kerasName(), result, nhwc), x, 0.0);
        }
        // channels-last: the result's name goes to the transpose back to NCHW
        return nhwc ? sd.permute(result, x, 0, 3, 1, 2) : x;
    }

    /** {@code name}, or {@code name + "_nhwc"} for the channels-last value that the NCHW {@code result} is made from. */
    private static String valueName(String name, String result, boolean nhwc) {
        return nhwc && name.equals(result) ? name + "_nhwc" : name;
    }

    /**
     * Computes the features of {@code images} (NCHW RGB in [-1, 1]) eagerly, in a graph of this extractor's own
     * (built on first use). For inspection and tests; training graphs use {@link #features(SameDiff, SDVariable, String)}.
     */
    public synchronized INDArray features(INDArray images) {
        if (images.rank() != 4 || images.size(1) != 3) {
            throw new IllegalArgumentException("expected NCHW RGB images [N,3,H,W], got shape "
                    + java.util.Arrays.toString(images.shape()));
        }
        if (standalone == null) {
            SameDiff sd = SameDiff.create();
            SDVariable in = sd.placeHolder("images", DataType.FLOAT, -1, 3, -1, -1);
            standaloneOutput = features(sd, in, "vgg").name();
            standalone = sd;
        }
        INDArray in = images.dataType() == DataType.FLOAT ? images : images.castTo(DataType.FLOAT);
        Map<String, INDArray> out = standalone.output(Map.of("images", in), standaloneOutput);
        return out.get(standaloneOutput);
    }

    private SDVariable sharedConstant(SameDiff sd, String name, INDArray value) {
        if (sd.hasVariable(name)) {
            SDVariable existing = sd.getVariable(name);
            if (existing.isConstant() && existing.getArr() == value) {
                return existing;
            }
            throw new IllegalStateException("the graph already has a variable '" + name + "' that is not the constant "
                    + "of the VGG19 weights from " + weights.source() + "; build one Vgg19Weights instance into a graph");
        }
        return sd.constant(name, value);
    }

    private static Conv2DConfig convConfig(boolean nhwc) {
        return Conv2DConfig.builder()
                .kH(3).kW(3).sH(1).sW(1).dH(1).dW(1)
                .paddingMode(PaddingMode.SAME)
                .dataFormat(nhwc ? "NHWC" : "NCHW")
                .weightsFormat(WeightsFormat.YXIO)
                .build();
    }

    private static Pooling2DConfig poolConfig(boolean nhwc) {
        return Pooling2DConfig.builder()
                .kH(2).kW(2).sH(2).sW(2)
                .paddingMode(PaddingMode.VALID)
                .type(Pooling2D.Pooling2DType.MAX)
                .isNHWC(nhwc)
                .build();
    }

    @Override
    public String toString() {
        return "Vgg19FeatureExtractor[" + layer + " (" + layer.kerasName() + ") from " + weights.source() + ", " + layout
                + "]";
    }
}
