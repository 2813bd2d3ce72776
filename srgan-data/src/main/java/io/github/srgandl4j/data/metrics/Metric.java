package io.github.srgandl4j.data.metrics;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The per-image measures a benchmark can report. */
public enum Metric {
    /** PSNR on Y against HR (dB; higher is better). */
    PSNR(true),
    /** SSIM on Y against HR (higher is better). */
    SSIM(true),
    /** NIQE, no reference needed (lower is more natural); see {@link Niqe}. */
    NIQE(false),
    /** Periodic-pattern amplitude of the Laplacian, no reference needed (lower is better; HR is near 0); see {@link FineDetail}. */
    GRID(false),
    /** Mean absolute Laplacian relative to HR's (1 = as much fine texture as HR); see {@link FineDetail}. */
    TEXTURE(true);

    private final boolean needsReference;

    Metric(boolean needsReference) {
        this.needsReference = needsReference;
    }

    /** Whether the metric compares with a ground-truth image. */
    public boolean needsReference() {
        return needsReference;
    }

    /** The lower-case name used on the command line and in reports. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a comma-separated list such as {@code psnr,ssim,niqe} (case-insensitive).
     *
     * @throws IllegalArgumentException naming an unknown entry and the known ones
     */
    public static Set<Metric> parseList(String list) {
        Set<Metric> out = EnumSet.noneOf(Metric.class);
        for (String part : list.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            try {
                out.add(valueOf(p.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown metric '" + p + "'; known: psnr, ssim, niqe, grid, texture");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no metric given in '" + list + "'");
        }
        return out;
    }
}
