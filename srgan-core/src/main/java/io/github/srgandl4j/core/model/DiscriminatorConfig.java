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
 */
public record DiscriminatorConfig(int inputSize, int baseChannels, int denseUnits, double leakySlope,
        double bnEpsilon, double bnMomentum) {
    public DiscriminatorConfig {
        if (inputSize < 16 || inputSize % 16 != 0) {
            throw new IllegalArgumentException("inputSize must be a positive multiple of 16, got " + inputSize);
        }
        if (baseChannels < 1 || denseUnits < 1) {
            throw new IllegalArgumentException("baseChannels and denseUnits must be >= 1");
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
