package io.github.srgandl4j.core.onnx;

/**
 * Translates one ONNX node into SameDiff operations: reads the node's inputs from the context and
 * registers its outputs there.
 */
@FunctionalInterface
interface OnnxOpMapper {
    /**
     * Maps {@code node}.
     *
     * @throws OnnxImportException (via {@link OnnxNode#error}) for unsupported attributes or inputs
     */
    void map(OnnxNode node, ImportContext ctx);
}
