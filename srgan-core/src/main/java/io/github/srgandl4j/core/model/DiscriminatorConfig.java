package io.github.srgandl4j.core.model;

/**
 * Configuration of the SRGAN discriminator (Ledig et al. 2017, Figure 4): eight 3x3 convolutions
 * with channels {@code base, base, 2base, 2base, 4base, 4base, 8base, 8base} and strides
 * {@code 1, 2, 1, 2, 1, 2, 1, 2}, BN on all but the first, LeakyReLU; dense {@code denseUnits},
 * LeakyReLU, dense 1 (a logit; the probability is its sigmoid).
 *
 * @param inputSize side of the square input in pixels (the paper: 96); must be a multiple of 16
 * @param baseChannels channels of the first convolution (the paper: 64)
 * @param denseUnits units of the hidden dense layer (the paper: 1024)
 * @param leakySlope LeakyReLU slope (the paper: 0.2)
 * @param bnEpsilon batch-norm epsilon
 * @param bnMomentum weight of the new batch in the running statistics
 * @param batchNorm batch normalisation after convolutions 1..7 (the paper's; false: none, the convolutions keep
 *     their biases)
 * @param spectralNorm spectral normalisation (Miyato et al. 2018) of every convolution and dense weight: the weight
 *     is divided by its largest singular value, estimated by one power iteration per discriminator step
 * @param head what follows the last convolution: {@link Head#FLATTEN} (the paper's; the dense layer's size grows with
 *     the square of the input size) or {@link Head#GLOBAL_AVERAGE} (the mean over the image first, so the dense layer
 *     has {@code 8 * baseChannels} inputs whatever the crop)
 *
 * <p>Sizes are bounded ({@link #MAX_INPUT_SIZE}, {@link #MAX_BASE_CHANNELS}, {@link #MAX_DENSE_UNITS}) so
 * that a damaged checkpoint header fails at once instead of allocating without end.
 */
public record DiscriminatorConfig(int inputSize, int baseChannels, int denseUnits, double leakySlope,
        double bnEpsilon, double bnMomentum, boolean batchNorm, boolean spectralNorm, Head head) {
    /** Largest input side accepted (the paper: 96). */
    public static final int MAX_INPUT_SIZE = 1024;
    /** Most channels of the first convolution accepted (the paper: 64). */
    public static final int MAX_BASE_CHANNELS = 256;
    /** Most hidden dense units accepted (the paper: 1024). */
    public static final int MAX_DENSE_UNITS = 16384;

    /** What follows the last convolution. */
    public enum Head {
        /** Flatten (C, H, W order), as the paper. */
        FLATTEN,
        /** Global average pooling over H and W. */
        GLOBAL_AVERAGE,
        /**
         * No pooling: the dense layers act at every position of the last feature map (as 1x1 convolutions), one
         * logit per patch of the image (a PatchGAN-style discriminator, as pix2pix's; Real-ESRGAN's U-Net gives one
         * per pixel). The losses average over the patches. Same tensors as {@link #GLOBAL_AVERAGE}.
         */
        PATCH
    }

    /** The paper's variant (BN, no spectral normalisation, flatten head). */
    public DiscriminatorConfig(int inputSize, int baseChannels, int denseUnits, double leakySlope, double bnEpsilon,
            double bnMomentum) {
        this(inputSize, baseChannels, denseUnits, leakySlope, bnEpsilon, bnMomentum, true, false, Head.FLATTEN);
    }

    public DiscriminatorConfig {
        java.util.Objects.requireNonNull(head, "head");
        if (inputSize < 16 || inputSize % 16 != 0 || inputSize > MAX_INPUT_SIZE) {
            throw new IllegalArgumentException("inputSize must be a positive multiple of 16 up to " + MAX_INPUT_SIZE
                    + ", got " + inputSize);
        }
        if (baseChannels < 1 || denseUnits < 1 || baseChannels > MAX_BASE_CHANNELS || denseUnits > MAX_DENSE_UNITS) {
            throw new IllegalArgumentException("baseChannels must be in 1.." + MAX_BASE_CHANNELS + " and denseUnits in 1.."
                    + MAX_DENSE_UNITS + ", got " + baseChannels + " and " + denseUnits);
        }
        if (!(leakySlope >= 0 && leakySlope < 1)) {
            throw new IllegalArgumentException("leakySlope must be in [0, 1), got " + leakySlope);
        }
        if (!(bnEpsilon > 0) || !(bnMomentum > 0 && bnMomentum <= 1)) {
            throw new IllegalArgumentException("bnEpsilon must be > 0 and bnMomentum in (0, 1]");
        }
    }

    /** The paper's discriminator for 96x96 crops. */
    public static DiscriminatorConfig paper() {
        return of(96, 64);
    }

    public static DiscriminatorConfig of(int inputSize, int baseChannels) {
        return new DiscriminatorConfig(inputSize, baseChannels, 1024, 0.2, 1e-5, 0.1);
    }

    /** This configuration with BN on or off, spectral normalisation on or off, and the given head. */
    public DiscriminatorConfig withVariant(boolean withBatchNorm, boolean withSpectralNorm, Head withHead) {
        return new DiscriminatorConfig(inputSize, baseChannels, denseUnits, leakySlope, bnEpsilon, bnMomentum,
                withBatchNorm, withSpectralNorm, withHead);
    }

    /** Whether this is the paper's variant (BN, no spectral normalisation, flatten head). */
    public boolean isPaperVariant() {
        return batchNorm && !spectralNorm && head == Head.FLATTEN;
    }

    /** Inputs of the first dense layer. */
    public long denseInputs() {
        return head == Head.FLATTEN ? (long) channels(7) * (inputSize / 16) * (inputSize / 16) : channels(7);
    }

    /** A short description, e.g. {@code "96px, 64 channels, batch norm, flatten head"}. */
    public String describe() {
        return inputSize + "px, " + baseChannels + " channels, " + (batchNorm ? "batch norm" : "no batch norm")
                + (spectralNorm ? ", spectral norm" : "") + ", "
                + (head == Head.FLATTEN ? "flatten" : head == Head.PATCH ? "patch" : "global-average")
                + " head";
    }

    /** Output channels of convolution {@code i} (0..7). */
    public int channels(int i) {
        return baseChannels << (i / 2);
    }

    /** Stride of convolution {@code i} (0..7). */
    public int stride(int i) {
        return i % 2 == 0 ? 1 : 2;
    }

    /** Trainable parameters by the closed formula. */
    public long parameterCount() {
        long total = 0;
        long cin = 3;
        for (int i = 0; i < 8; i++) {
            long cout = channels(i);
            total += 9 * cin * cout + cout + (i > 0 && batchNorm ? 2 * cout : 0);
            cin = cout;
        }
        return total + denseInputs() * denseUnits + denseUnits + denseUnits + 1;
    }
}
