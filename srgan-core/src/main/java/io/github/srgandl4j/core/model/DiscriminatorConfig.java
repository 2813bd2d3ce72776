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
 *
 * <p>Sizes are bounded ({@link #MAX_INPUT_SIZE}, {@link #MAX_BASE_CHANNELS}, {@link #MAX_DENSE_UNITS}) so
 * that a damaged checkpoint header fails at once instead of allocating without end.
 */
public record DiscriminatorConfig(int inputSize, int baseChannels, int denseUnits, double leakySlope,
        double bnEpsilon, double bnMomentum) {
    /** Largest input side accepted (the paper: 96). */
    public static final int MAX_INPUT_SIZE = 1024;
    /** Most channels of the first convolution accepted (the paper: 64). */
    public static final int MAX_BASE_CHANNELS = 256;
    /** Most hidden dense units accepted (the paper: 1024). */
    public static final int MAX_DENSE_UNITS = 16384;

    public DiscriminatorConfig {
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
            total += 9 * cin * cout + cout + (i > 0 ? 2 * cout : 0);
            cin = cout;
        }
        long flat = cin * (inputSize / 16L) * (inputSize / 16L);
        return total + flat * denseUnits + denseUnits + denseUnits + 1;
    }
}
