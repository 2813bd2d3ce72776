package io.github.srgandl4j.core.model;

/**
 * Configuration of the SRResNet generator (Ledig et al. 2017, Figure 4).
 *
 * @param scale upscaling factor: 2, 4 or 8 (one PixelShuffle x2 stage per factor of two)
 * @param residualBlocks B, residual blocks (the paper: 16)
 * @param channels feature channels (the paper: 64)
 * @param bnEpsilon batch-norm epsilon (PyTorch's default 1e-5)
 * @param bnMomentum weight of the new batch in the running statistics (PyTorch's default 0.1)
 *
 * <p>Sizes are bounded ({@link #MAX_RESIDUAL_BLOCKS}, {@link #MAX_CHANNELS}, {@link #MAX_PARAMETERS}) so
 * that a mistyped option or a damaged model-file header fails at once instead of allocating without end.
 */
public record SrResNetConfig(int scale, int residualBlocks, int channels, double bnEpsilon, double bnMomentum) {
    /** Most residual blocks accepted (the paper: 16). */
    public static final int MAX_RESIDUAL_BLOCKS = 256;
    /** Most feature channels accepted (the paper: 64). */
    public static final int MAX_CHANNELS = 512;
    /** Most trainable parameters accepted (400 MB of float32 weights; the paper's generator has 1.55 million). */
    public static final long MAX_PARAMETERS = 100_000_000L;

    public SrResNetConfig {
        if (scale != 2 && scale != 4 && scale != 8) {
            throw new IllegalArgumentException("scale must be 2, 4 or 8, got " + scale);
        }
        if (residualBlocks < 0 || residualBlocks > MAX_RESIDUAL_BLOCKS) {
            throw new IllegalArgumentException("residualBlocks must be in 0.." + MAX_RESIDUAL_BLOCKS + ", got " + residualBlocks);
        }
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new IllegalArgumentException("channels must be in 1.." + MAX_CHANNELS + ", got " + channels);
        }
        if (!(bnEpsilon > 0)) {
            throw new IllegalArgumentException("bnEpsilon must be > 0, got " + bnEpsilon);
        }
        if (!(bnMomentum > 0 && bnMomentum <= 1)) {
            throw new IllegalArgumentException("bnMomentum must be in (0, 1], got " + bnMomentum);
        }
        long n = parameterCount(scale, residualBlocks, channels);
        if (n > MAX_PARAMETERS) {
            throw new IllegalArgumentException(residualBlocks + " residual blocks of " + channels + " channels make " + n
                    + " trainable parameters, more than the limit of " + MAX_PARAMETERS);
        }
    }

    /** The paper's configuration: x4, 16 blocks, 64 channels. */
    public static SrResNetConfig paper() {
        return of(4, 16, 64);
    }

    /** A configuration with PyTorch's batch-norm defaults. */
    public static SrResNetConfig of(int scale, int residualBlocks, int channels) {
        return new SrResNetConfig(scale, residualBlocks, channels, 1e-5, 0.1);
    }

    /** Number of PixelShuffle x2 stages. */
    public int upsampleStages() {
        return Integer.numberOfTrailingZeros(scale);
    }

    /**
     * Trainable parameters by the closed formula: head conv 9x9 (3 -> C) + PReLU; per block two 3x3
     * convs, two BNs and a PReLU; mid conv 3x3 + BN; per upsampling stage a 3x3 conv (C -> 4C) and a
     * PReLU; tail conv 9x9 (C -> 3).
     */
    public long parameterCount() {
        return parameterCount(scale, residualBlocks, channels);
    }

    private static long parameterCount(int scale, int residualBlocks, int channels) {
        long c = channels;
        long head = 81 * 3 * c + c + c;
        long conv3 = 9 * c * c + c;
        long block = 2 * conv3 + 2 * (2 * c) + c;
        long mid = conv3 + 2 * c;
        long up = 9 * c * 4 * c + 4 * c + c;
        long tail = 81 * c * 3 + 3;
        return head + residualBlocks * block + mid + Integer.numberOfTrailingZeros(scale) * up + tail;
    }
}
