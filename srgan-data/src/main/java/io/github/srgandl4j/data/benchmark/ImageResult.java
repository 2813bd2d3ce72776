package io.github.srgandl4j.data.benchmark;

/**
 * The score of one benchmark image.
 *
 * @param file the HR file name
 * @param width width of the scored (HR, mod-cropped) image
 * @param height height of the scored image
 * @param psnr PSNR in dB on Y
 * @param ssim SSIM on Y
 * @param seconds time the super-resolver took for this image
 */
public record ImageResult(String file, int width, int height, double psnr, double ssim, double seconds)
        implements java.io.Serializable {}
