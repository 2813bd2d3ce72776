package io.github.srgandl4j.data.metrics;

import io.github.srgandl4j.core.image.ImageData;
import java.util.Objects;

/**
 * PSNR and SSIM of a super-resolved image against its ground truth on the Y channel (grey
 * images on their grey values), after shaving the border, per the field's MATLAB protocol.
 *
 * <p>If the ground truth is grey and the result RGB (a model that always outputs colour), the
 * result's grey level {@code 0.299 R + 0.587 G + 0.114 B} is compared; a grey result against an
 * RGB ground truth is taken as R = G = B.
 */
public final class ImageQuality {
    private ImageQuality() {}

    /** Scores {@code sr} against {@code hr}; both must have the same size. */
    public static QualityScore score(ImageData sr, ImageData hr, MetricOptions options) {
        Objects.requireNonNull(sr, "sr");
        Objects.requireNonNull(hr, "hr");
        if (sr.width() != hr.width() || sr.height() != hr.height()) {
            throw new IllegalArgumentException("SR image is " + sr.width() + "x" + sr.height() + " but HR is "
                    + hr.width() + "x" + hr.height());
        }
        Plane a = plane(sr, hr.isGray(), options.luma()).shave(options.shave());
        Plane b = plane(hr, hr.isGray(), options.luma()).shave(options.shave());
        return new QualityScore(Psnr.of(a, b), Ssim.of(a, b));
    }

    private static Plane plane(ImageData img, boolean grayTruth, LumaMode mode) {
        double[] v;
        if (grayTruth) {
            v = Luma.grayOf(img, mode);
        } else {
            v = Luma.of(img.toRgb(), mode);
        }
        return new Plane(img.width(), img.height(), v);
    }
}
