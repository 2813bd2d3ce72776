package io.github.srgandl4j.core.onnx;

import java.util.Objects;

/**
 * Options of {@link OnnxGeneratorImporter}.
 *
 * @param inputRange value range the model expects for its input pixels (default [0, 1])
 * @param outputRange value range of the model's output pixels (default [0, 1])
 * @param trainable if true, ONNX initializers (weights) become SameDiff variables that training
 *     can update; if false (default), they become constants
 * @param probeSize height and width of the zero input used to measure the scale factor when the
 *     ONNX input has dynamic height and width (default 16)
 * @param inferenceRewrites if true (default), the importer applies the inference rewrites that are
 *     valid for the graph (channels-last convolutions, native depth-to-space with reordered channels,
 *     polyphase convolution after the last x2 depth-to-space; docs/architecture.md); they compute the
 *     same function. Not applied to trainable imports.
 */
public record OnnxImportOptions(ValueRange inputRange, ValueRange outputRange, boolean trainable, int probeSize,
                                boolean inferenceRewrites) {
    public OnnxImportOptions {
        Objects.requireNonNull(inputRange, "inputRange");
        Objects.requireNonNull(outputRange, "outputRange");
        if (probeSize < 1) {
            throw new IllegalArgumentException("probeSize must be >= 1, got " + probeSize);
        }
    }

    /** Options with inference rewrites on. */
    public OnnxImportOptions(ValueRange inputRange, ValueRange outputRange, boolean trainable, int probeSize) {
        this(inputRange, outputRange, trainable, probeSize, true);
    }

    /** Defaults: [0, 1] in and out, constants, probe size 16, inference rewrites on. */
    public static OnnxImportOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link OnnxImportOptions}. */
    public static final class Builder {
        private ValueRange inputRange = ValueRange.ZERO_ONE;
        private ValueRange outputRange = ValueRange.ZERO_ONE;
        private boolean trainable;
        private int probeSize = 16;
        private boolean inferenceRewrites = true;

        private Builder() {}

        /** Value range of the model's input (default [0, 1]). */
        public Builder inputRange(ValueRange range) {
            this.inputRange = range;
            return this;
        }

        /** Value range of the model's output (default [0, 1]). */
        public Builder outputRange(ValueRange range) {
            this.outputRange = range;
            return this;
        }

        /** Weights as trainable variables (true) or constants (false, default). */
        public Builder trainable(boolean trainable) {
            this.trainable = trainable;
            return this;
        }

        /** Size of the zero input used to measure the scale factor (default 16). */
        public Builder probeSize(int probeSize) {
            this.probeSize = probeSize;
            return this;
        }

        /**
         * Inference rewrites on (true, default) or off (false: the graph is translated op by op, NCHW,
         * e.g. to rule the rewrites out when looking for a problem).
         */
        public Builder inferenceRewrites(boolean on) {
            this.inferenceRewrites = on;
            return this;
        }

        /** The options. */
        public OnnxImportOptions build() {
            return new OnnxImportOptions(inputRange, outputRange, trainable, probeSize, inferenceRewrites);
        }
    }
}
