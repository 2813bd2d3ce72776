package io.github.srgandl4j.losses.vgg;

import io.github.srgandl4j.core.nn.DataLayout;

/**
 * The memory layout VGG19 runs in inside a graph. The graph's inputs and outputs are NCHW either way; {@link #NHWC}
 * transposes the preprocessed images once, runs every convolution and pool channels-last and transposes the features
 * back. The values are the same within float rounding (the same to the bit where oneDNN uses the same kernel for both,
 * as on AVX-512 hosts); only the speed differs.
 *
 * <p>Why: libnd4j M2.1 calls oneDNN 2.3, whose forward convolution on AVX-512 hosts ({@code brgconv:avx512_core}) works
 * on channels-last memory. Given NCHW arrays, libnd4j converts the input, the output array and the result around every
 * convolution, about half of the forward time at 48-96 pixels; with NHWC arrays there is nothing to convert (16x64x96x96,
 * 64 outputs, 2 threads: 84 against 45 ms). On AVX2 hosts oneDNN's kernels are blocked NCHW ({@code nChw8c}) and NHWC
 * was 4-10% slower. docs/performance.md, sections 14 and 17.
 */
public enum VggLayout {
    /** Channels first, as the graph's inputs (the only layout before 2026-11-30, session 15). */
    NCHW,
    /** Channels last inside VGG19. */
    NHWC;

    /**
     * System property choosing the layout for training graphs: {@code nchw}, {@code nhwc} or {@code auto} (the
     * default: {@link #forThisHost()}).
     */
    public static final String PROPERTY = "srgan.vgg.layout";

    /**
     * The layout from {@link #PROPERTY}, or {@link #forThisHost()} if it is unset or {@code auto}.
     *
     * @throws IllegalArgumentException naming the property if its value is none of {@code nchw}, {@code nhwc},
     *     {@code auto}
     */
    public static VggLayout configured() {
        return of(DataLayout.configured(PROPERTY, "the VGG19 layout"));
    }

    /**
     * {@code nchw}, {@code nhwc} or {@code auto} ({@link #forThisHost()}), in any case.
     *
     * @throws IllegalArgumentException quoting the value if it is none of these
     */
    public static VggLayout parse(String value) {
        return of(DataLayout.parse(value, "the VGG19 layout"));
    }

    /**
     * {@link #NHWC} where oneDNN's forward convolutions are channels-last ({@link DataLayout#forThisHost()}: an
     * {@code avx512_core} host), {@link #NCHW} elsewhere.
     */
    public static VggLayout forThisHost() {
        return of(DataLayout.forThisHost());
    }

    private static VggLayout of(DataLayout layout) {
        return layout == DataLayout.NCHW ? NCHW : NHWC;
    }
}
