package io.github.srgandl4j.data.benchmark;

/**
 * The score of one benchmark image. Measures that were not requested are NaN.
 *
 * @param file the HR file name
 * @param width width of the scored (HR, mod-cropped) image
 * @param height height of the scored image
 * @param psnr PSNR in dB on Y
 * @param ssim SSIM on Y
 * @param seconds time the super-resolver took for this image
 * @param niqe NIQE of the result (lower is more natural)
 * @param grid periodic-pattern amplitude of the result's Laplacian
 * @param laplacian mean absolute Laplacian of the result's Y
 * @param hrLaplacian mean absolute Laplacian of the ground truth's Y
 */
public record ImageResult(String file, int width, int height, double psnr, double ssim, double seconds, double niqe,
        double grid, double laplacian, double hrLaplacian) implements java.io.Serializable {
    /** A result with PSNR and SSIM only. */
    public ImageResult(String file, int width, int height, double psnr, double ssim, double seconds) {
        this(file, width, height, psnr, ssim, seconds, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** Fine texture relative to the ground truth: {@code laplacian / hrLaplacian} (1 = as much as HR). */
    public double texture() {
        return laplacian / hrLaplacian;
    }
}
