package io.github.srgandl4j.data.metrics;

/**
 * PSNR and SSIM of one image.
 *
 * @param psnr PSNR in dB (+Infinity for identical images)
 * @param ssim SSIM in [-1, 1]
 */
public record QualityScore(double psnr, double ssim) {}
