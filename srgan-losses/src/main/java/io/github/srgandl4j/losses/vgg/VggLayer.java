package io.github.srgandl4j.losses.vgg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A VGG19 feature map phi_i,j in the notation of Ledig et al. (2017): the output of the j-th convolution
 * (after its ReLU) before the i-th max-pooling layer, i.e. Keras layer {@code block<i>_conv<j>}.
 *
 * <p>VGG19 has five blocks with 2, 2, 4, 4 and 4 convolutions. The paper's SRGAN-VGG54 uses phi_5,4, its
 * SRGAN-VGG22 uses phi_2,2.
 *
 * @param block the block index i, 1..5
 * @param conv  the convolution index j within the block, 1..{@link #convolutionsInBlock(int)}
 */
public record VggLayer(int block, int conv) {

    /** Number of 3x3 convolutions in each VGG19 block (index 0 = block 1). */
    private static final int[] CONVS_PER_BLOCK = {2, 2, 4, 4, 4};
    /** Output channels of each VGG19 block. */
    private static final int[] CHANNELS_PER_BLOCK = {64, 128, 256, 512, 512};

    private static final Pattern PAIR = Pattern.compile("(?:phi_?)?\\s*(\\d)\\s*[,_]\\s*(\\d)");
    private static final Pattern KERAS = Pattern.compile("block(\\d)_conv(\\d)");
    private static final Pattern COMPACT = Pattern.compile("(?:vgg)?(\\d)(\\d)");

    /** phi_2,2, the feature map of the paper's SRGAN-VGG22. */
    public static final VggLayer PHI_2_2 = new VggLayer(2, 2);
    /** phi_5,4, the feature map of the paper's main SRGAN (SRGAN-VGG54). */
    public static final VggLayer PHI_5_4 = new VggLayer(5, 4);

    /** Validates that the layer exists in VGG19. */
    public VggLayer {
        if (block < 1 || block > CONVS_PER_BLOCK.length) {
            throw new IllegalArgumentException("VGG19 has blocks 1..5, got block " + block);
        }
        if (conv < 1 || conv > CONVS_PER_BLOCK[block - 1]) {
            throw new IllegalArgumentException("VGG19 block " + block + " has convolutions 1.."
                    + CONVS_PER_BLOCK[block - 1] + ", got conv " + conv);
        }
    }

    /**
     * Parses a layer written as {@code "i,j"} (e.g. {@code "5,4"}), {@code "phi_5,4"}, {@code "5_4"},
     * {@code "54"}, {@code "vgg54"} or the Keras name {@code "block5_conv4"} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the text if it is not one of these forms or not a VGG19 layer
     */
    public static VggLayer parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("VGG layer is null; expected e.g. \"5,4\" or \"block5_conv4\"");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Pattern p : List.of(PAIR, KERAS, COMPACT)) {
            Matcher m = p.matcher(t);
            if (m.matches()) {
                return new VggLayer(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
        }
        throw new IllegalArgumentException("cannot parse VGG layer '" + text
                + "'; expected \"i,j\" (e.g. \"5,4\" for phi_5,4), \"vgg54\" or \"block5_conv4\"");
    }

    /** The number of convolutions in VGG19 block {@code block} (1..5). */
    public static int convolutionsInBlock(int block) {
        if (block < 1 || block > CONVS_PER_BLOCK.length) {
            throw new IllegalArgumentException("VGG19 has blocks 1..5, got block " + block);
        }
        return CONVS_PER_BLOCK[block - 1];
    }

    /** All 16 VGG19 convolution layers in network order (block1_conv1 .. block5_conv4). */
    public static List<VggLayer> all() {
        return PHI_5_4.withPredecessors();
    }

    /** The Keras layer name, e.g. {@code block5_conv4}. */
    public String kerasName() {
        return "block" + block + "_conv" + conv;
    }

    /** Output channels of this convolution (64, 128, 256, 512 or 512). */
    public int outputChannels() {
        return CHANNELS_PER_BLOCK[block - 1];
    }

    /** Input channels of this convolution (3 for block1_conv1). */
    public int inputChannels() {
        if (conv > 1) {
            return outputChannels();
        }
        return block == 1 ? 3 : CHANNELS_PER_BLOCK[block - 2];
    }

    /** The Keras (HWIO) kernel shape {@code [3, 3, in, out]}. */
    public long[] kernelShape() {
        return new long[] {3, 3, inputChannels(), outputChannels()};
    }

    /** The factor by which the feature map is spatially smaller than the input: 2^(block-1). */
    public int downsamplingFactor() {
        return 1 << (block - 1);
    }

    /** Position of this layer in network order, 0 for block1_conv1 .. 15 for block5_conv4. */
    public int index() {
        int idx = 0;
        for (int b = 1; b < block; b++) {
            idx += CONVS_PER_BLOCK[b - 1];
        }
        return idx + conv - 1;
    }

    /**
     * This layer and every convolution before it, in network order: the layers whose weights are needed to
     * compute phi_i,j.
     */
    public List<VggLayer> withPredecessors() {
        List<VggLayer> out = new ArrayList<>();
        for (int b = 1; b <= block; b++) {
            int last = b == block ? conv : CONVS_PER_BLOCK[b - 1];
            for (int c = 1; c <= last; c++) {
                out.add(new VggLayer(b, c));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The paper's notation, e.g. {@code phi_5,4}. */
    @Override
    public String toString() {
        return "phi_" + block + "," + conv;
    }
}
