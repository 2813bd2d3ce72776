package io.github.srgandl4j.core.model;

/**
 * Rewrites applied when a generator is built for inference; each gives the same function as the
 * plain graph up to float rounding (tested), only faster.
 *
 * @param foldBatchNorm fold every BN (running statistics) into the preceding convolution
 * @param nativeDepthToSpace reorder the upsampling convolutions' output channels so that the native
 *     DCR depthToSpace op yields PyTorch's CRD pixel shuffle, instead of reshape/permute
 */
public record InferenceOptions(boolean foldBatchNorm, boolean nativeDepthToSpace) {
    /** Both rewrites on. */
    public static InferenceOptions fast() {
        return new InferenceOptions(true, true);
    }

    /** The graph as trained, no rewrites (for checking the rewrites). */
    public static InferenceOptions plain() {
        return new InferenceOptions(false, false);
    }
}
