package io.github.srgandl4j.core.model;

import io.github.srgandl4j.core.onnx.ValueRange;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loaded super-resolution network, whatever its origin (the library's SRResNet or an imported
 * ONNX generator): NCHW float32 in, NCHW float32 out, {@link #scale()} times larger.
 *
 * <p>Holds native memory: whoever loads or creates a model owns it and closes it when done
 * (try-with-resources). Objects that are given a model ({@code Upscaler}, {@code SrganTrainer},
 * {@code BenchmarkRunner}) borrow it and never close it. After {@link #close()}, {@link #forward}
 * and {@link #save} throw {@link IllegalStateException}.
 */
public interface SuperResolutionModel extends AutoCloseable {
    /** A short name for logs and figures. */
    String name();

    /** Upscaling factor. */
    int scale();

    /** Range of input values that stand for black..white. */
    ValueRange inputRange();

    /** Range of output values that stand for black..white. */
    ValueRange outputRange();

    /**
     * Receptive radius in LR pixels: an output pixel depends only on LR pixels within this distance,
     * so tiles padded by at least this much stitch exactly.
     */
    int receptiveRadius();

    /** Runs the network on [N, 3, H, W] in {@link #inputRange()}; returns [N, 3, H*scale, W*scale]. */
    INDArray forward(INDArray lr);

    /** Where the model came from. */
    Provenance provenance();

    /** Writes the model as a library model file (atomically). */
    void save(Path file);

    /** Releases the model's graph; idempotent. Afterwards the model cannot run or be saved. */
    @Override
    void close();
}
