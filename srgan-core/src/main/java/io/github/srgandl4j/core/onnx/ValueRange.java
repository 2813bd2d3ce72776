package io.github.srgandl4j.core.onnx;

/**
 * The value range of a model's input or output pixels, e.g. [0, 1] or [-1, 1]. It is part of a
 * model's description: an upscaler maps image pixels into the input range before running the model
 * and maps the output range back to pixels afterwards.
 *
 * @param min value that stands for black
 * @param max value that stands for full intensity
 */
public record ValueRange(double min, double max) {
    /** [0, 1]: the usual range of PyTorch SR generators' inputs and of most of their outputs. */
    public static final ValueRange ZERO_ONE = new ValueRange(0, 1);
    /** [-1, 1]: a tanh output, e.g. the SRGAN paper's generator output. */
    public static final ValueRange MINUS_ONE_ONE = new ValueRange(-1, 1);

    public ValueRange {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(min < max)) {
            throw new IllegalArgumentException("value range needs finite min < max, got [" + min + ", " + max + "]");
        }
    }

    /**
     * Parses {@code "min,max"} (e.g. {@code "0,1"} or {@code "-1,1"}), the form used by command-line flags.
     *
     * @throws IllegalArgumentException naming the text if it is not two numbers with min &lt; max
     */
    public static ValueRange parse(String text) {
        String[] parts = text == null ? new String[0] : text.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException("value range must be 'min,max' (e.g. '0,1' or '-1,1'), got '" + text + "'");
        }
        try {
            return new ValueRange(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("value range must be 'min,max' with two numbers, got '" + text + "'", e);
        }
    }

    /** Maps {@code v} from [0, 1] into this range. */
    public double fromUnit(double v) {
        return min + v * (max - min);
    }

    /** Maps {@code v} from this range into [0, 1] (not clamped). */
    public double toUnit(double v) {
        return (v - min) / (max - min);
    }

    @Override
    public String toString() {
        return "[" + min + ", " + max + "]";
    }
}
