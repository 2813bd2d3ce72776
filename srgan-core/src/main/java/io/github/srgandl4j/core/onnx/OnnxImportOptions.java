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
 */
public record OnnxImportOptions(ValueRange inputRange, ValueRange outputRange, boolean trainable, int probeSize) {
    public OnnxImportOptions {
        Objects.requireNonNull(inputRange, "inputRange");
        Objects.requireNonNull(outputRange, "outputRange");
        if (probeSize < 1) {
            throw new IllegalArgumentException("probeSize must be >= 1, got " + probeSize);
        }
    }

    /** Defaults: [0, 1] in and out, constants, probe size 16. */
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

        /** The options. */
        public OnnxImportOptions build() {
            return new OnnxImportOptions(inputRange, outputRange, trainable, probeSize);
        }
    }
}
