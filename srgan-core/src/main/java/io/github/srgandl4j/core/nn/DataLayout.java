package io.github.srgandl4j.core.nn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;

/**
 * The memory layout a network runs in inside a training graph. A network's inputs and outputs stay NCHW either way;
 * {@link #NHWC} transposes the input once, runs every convolution, normalisation and activation channels-last and
 * transposes the result back. The values are the same within float rounding (the same to the bit where oneDNN uses
 * one kernel for both layouts, as on AVX-512 hosts); only the speed differs.
 *
 * <p>Why: libnd4j M2.1 calls oneDNN 2.3, whose forward convolution on AVX-512 hosts ({@code brgconv:avx512_core})
 * works on channels-last memory. Given NCHW arrays, libnd4j converts the input, the output array and the result around
 * every convolution, about half of the forward time at 48-96 pixels; with NHWC arrays there is nothing to convert
 * (16x3x96x96 to 64 channels, 2 threads: 35 against 6 ms). On AVX2 hosts oneDNN's kernels are blocked NCHW
 * ({@code nChw8c}) and NHWC was 4-10% slower. docs/performance.md, sections 14, 17 and 18.
 */
public enum DataLayout {
    /** Channels first, as the graphs' inputs. */
    NCHW,
    /** Channels last inside the network. */
    NHWC;

    /** The CPU flags of oneDNN's {@code avx512_core} instruction set, which its channels-last kernels need. */
    private static final Set<String> AVX512_CORE = Set.of("avx512f", "avx512bw", "avx512vl", "avx512dq");

    /** The axis of the channels in a 4-D tensor of this layout. */
    public int channelAxis() {
        return this == NCHW ? 1 : 3;
    }

    /** The spatial and batch axes (what a per-channel statistic reduces over). */
    public int[] reductionAxes() {
        return this == NCHW ? new int[] {0, 2, 3} : new int[] {0, 1, 2};
    }

    /** SameDiff's data format name of this layout for {@link Conv2DConfig}. */
    public String convFormat() {
        return this == NCHW ? Conv2DConfig.NCHW : Conv2DConfig.NHWC;
    }

    /**
     * {@code nchw}, {@code nhwc} or {@code auto} ({@link #forThisHost()}), in any case.
     *
     * @param what what the layout is for, named in the error (e.g. "the discriminator layout")
     * @throws IllegalArgumentException quoting the value if it is none of these
     */
    public static DataLayout parse(String value, String what) {
        switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
            case "auto":
                return forThisHost();
            case "nchw":
                return NCHW;
            case "nhwc":
                return NHWC;
            default:
                throw new IllegalArgumentException(what + " must be nchw, nhwc or auto, got '" + value + "'");
        }
    }

    /**
     * The layout the system property {@code property} names ({@link #parse}), or {@link #forThisHost()} if it is unset.
     *
     * @throws IllegalArgumentException naming the property if its value is none of {@code nchw}, {@code nhwc},
     *     {@code auto}
     */
    public static DataLayout configured(String property, String what) {
        try {
            return parse(System.getProperty(property, "auto"), what);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("system property " + property + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@link #NHWC} where oneDNN's forward convolutions are channels-last: a Linux host whose {@code /proc/cpuinfo} lists
     * the four {@code avx512_core} flags, unless {@code DNNL_MAX_CPU_ISA} caps oneDNN below AVX-512. {@link #NCHW}
     * elsewhere, and wherever that cannot be read.
     */
    public static DataLayout forThisHost() {
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
