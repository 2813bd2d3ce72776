package io.github.srgandl4j.core.onnx;

/**
 * Thrown when an ONNX file cannot be imported: the file is missing or not an ONNX model, or the
 * graph uses an operator, attribute or data type the importer does not support. The message names
 * the file and, where it applies, the node and the operator.
 */
public class OnnxImportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An import failure described by {@code message}. */
    public OnnxImportException(String message) {
        super(message);
    }

    /** An import failure described by {@code message}, caused by {@code cause}. */
    public OnnxImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
