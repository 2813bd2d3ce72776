package io.github.srgandl4j.core.upscale;

import io.github.srgandl4j.core.image.ImageData;
import java.io.IOException;

/**
 * Receives an upscaled image band by band, top to bottom: each band is full width and follows the
 * previous one. A streaming image writer implements it so that the whole output never has to be
 * in memory.
 */
@FunctionalInterface
public interface RowSink {
    /** The next rows of the output. */
    void accept(ImageData band) throws IOException;
}
