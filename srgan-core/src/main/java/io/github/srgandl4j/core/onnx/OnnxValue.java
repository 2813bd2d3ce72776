package io.github.srgandl4j.core.onnx;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One ONNX value (graph input, initializer or node output) during import: its SameDiff variable,
 * its rank where known, and its value if it is known at import time (initializers, Constant nodes).
 * The SameDiff variable of a known value is created on first use, so values that only parameterise
 * other ops (Resize scales, Clip bounds) never enter the graph.
 */
final class OnnxValue {
    /** Rank used when it is not known at import time. */
    static final int UNKNOWN_RANK = -1;

    private final String onnxName;
    private final INDArray constant;
    private final int rank;
    private SDVariable variable;

    private OnnxValue(String onnxName, INDArray constant, SDVariable variable, int rank) {
        this.onnxName = onnxName;
        this.constant = constant;
        this.variable = variable;
        this.rank = rank;
    }

    static OnnxValue ofVariable(String onnxName, SDVariable variable, int rank) {
        return new OnnxValue(onnxName, null, variable, rank);
    }

    static OnnxValue ofConstant(String onnxName, INDArray constant) {
        return new OnnxValue(onnxName, constant, null, constant.rank());
    }

    String onnxName() {
        return onnxName;
    }

    boolean isConstant() {
        return constant != null;
    }

    /** The value known at import time, or null. */
    INDArray constant() {
        return constant;
    }

    int rank() {
        return rank;
    }

    /** The SameDiff variable, or null if not created yet. */
    SDVariable variable() {
        return variable;
    }

    void setVariable(SDVariable v) {
        this.variable = v;
    }
}
