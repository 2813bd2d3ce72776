package io.github.srgandl4j.losses.vgg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

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

    /** The CPU flags of oneDNN's {@code avx512_core} instruction set, which its channels-last kernels need. */
    private static final Set<String> AVX512_CORE = Set.of("avx512f", "avx512bw", "avx512vl", "avx512dq");

    /**
     * The layout from {@link #PROPERTY}, or {@link #forThisHost()} if it is unset or {@code auto}.
     *
     * @throws IllegalArgumentException naming the property if its value is none of {@code nchw}, {@code nhwc},
     *     {@code auto}
     */
    public static VggLayout configured() {
        try {
            return parse(System.getProperty(PROPERTY, "auto"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("system property " + PROPERTY + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code nchw}, {@code nhwc} or {@code auto} ({@link #forThisHost()}), in any case.
     *
     * @throws IllegalArgumentException quoting the value if it is none of these
     */
    public static VggLayout parse(String value) {
        switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
            case "auto":
                return forThisHost();
            case "nchw":
                return NCHW;
            case "nhwc":
                return NHWC;
            default:
                throw new IllegalArgumentException("the VGG19 layout must be nchw, nhwc or auto, got '" + value + "'");
        }
    }

    /**
     * {@link #NHWC} where oneDNN's forward convolutions are channels-last: a Linux host whose {@code /proc/cpuinfo} lists
     * the four {@code avx512_core} flags, unless {@code DNNL_MAX_CPU_ISA} caps oneDNN below AVX-512. {@link #NCHW}
     * elsewhere, and wherever that cannot be read.
     */
    public static VggLayout forThisHost() {
        String cap = System.getenv("DNNL_MAX_CPU_ISA");
        if (cap != null && !cap.isBlank() && !cap.toUpperCase(Locale.ROOT).contains("AVX512")
                && !cap.equalsIgnoreCase("ALL")) {
            return NCHW;
        }
        return hasAvx512Core(Path.of("/proc/cpuinfo")) ? NHWC : NCHW;
    }

    /** True if the first {@code flags} line of a {@code /proc/cpuinfo}-style file lists every avx512_core flag. */
    static boolean hasAvx512Core(Path cpuinfo) {
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("flags")) {
                    Set<String> flags = new HashSet<>(Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
                    return flags.containsAll(AVX512_CORE);
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
