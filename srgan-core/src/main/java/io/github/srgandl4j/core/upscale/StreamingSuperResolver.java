package io.github.srgandl4j.core.upscale;

import io.github.srgandl4j.core.image.SuperResolver;
import java.io.IOException;

/**
 * A {@link SuperResolver} that can also stream: read its input band by band and hand its output
 * on band by band, so that neither the whole input as floats nor the whole output is in memory.
 */
public interface StreamingSuperResolver extends SuperResolver {
    /**
     * Upscales {@code source} into {@code sink}: bands of full-width output rows, top to bottom,
     * {@link #scale()} times the input's size, with the input's channels, alpha and bit depth.
     *
     * @throws IOException what the sink throws
     */
    void upscale(ImageSource source, RowSink sink) throws IOException;
}
