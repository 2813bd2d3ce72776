package io.github.srgandl4j.data.metrics;

/** Peak signal-to-noise ratio in dB, peak 255: {@code 10 log10(255^2 / MSE)}. */
public final class Psnr {
    private Psnr() {}

    /** PSNR of two equally sized planes in the 0..255 range; +Infinity when they are identical. */
    public static double of(Plane a, Plane b) {
        requireSameSize(a, b);
        double[] x = a.values();
        double[] y = b.values();
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - y[i];
            sum += d * d;
        }
        double mse = sum / x.length;
        return 10.0 * Math.log10(255.0 * 255.0 / mse);
    }

    static void requireSameSize(Plane a, Plane b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("planes differ in size: " + a.width() + "x" + a.height() + " vs "
                    + b.width() + "x" + b.height());
        }
    }
}
