package io.github.srgandl4j.data.train;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A training folder of HR images and, optionally, a parallel folder of their LR images (paired by
 * {@link io.github.srgandl4j.data.io.ImageFiles#pair}); without one, LR images are made by
 * MATLAB-bicubic degradation.
 *
 * @param hrDir the HR images
 * @param lrDir the LR images, or null
 */
public record FolderSpec(Path hrDir, Path lrDir) {
    public FolderSpec {
        Objects.requireNonNull(hrDir, "hrDir");
    }

    /** HR images only; LR made on the fly. */
    public static FolderSpec hrOnly(Path hrDir) {
        return new FolderSpec(hrDir, null);
    }
}
