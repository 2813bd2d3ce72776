package io.github.srgandl4j.core.onnx;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One ONNX value (graph input, initializer or node output) during import: its SameDiff variable,
 * its rank where known, and its value if it is known at import time (initializers, Constant nodes).
 * The SameDiff variable of a known value is created on first use, so values that only parameterise
 * other ops (Resize scales, Clip bounds) never enter the graph.
 *
 * <p>With the inference rewrites ({@link ImportRewrites}) a rank-4 value computed at run time may be
 * held channels-last: {@link #nhwc()} is its NHWC variable, and the NCHW {@link #variable()} is made
 * (by a permute) only if an op that needs NCHW reads it. A value may also be {@link #packed()}: held as
 * an NHWC tensor whose channels are not the value's own channels in order (see {@link PackedChannels});
 * only the ops the rewrite planned for read such a value.
 */
final class OnnxValue {
    /** Rank used when it is not known at import time. */
    static final int UNKNOWN_RANK = -1;
    /** Channel count used when it is not known at import time. */
    static final int UNKNOWN_CHANNELS = -1;

    private final String onnxName;
    private final INDArray constant;
    private final int rank;
    private SDVariable variable;
    private SDVariable nhwc;
    private PackedChannels packed;
    private int channels = UNKNOWN_CHANNELS;

    private OnnxValue(String onnxName, INDArray constant, SDVariable variable, int rank) {
        this.onnxName = onnxName;
        this.constant = constant;
        this.variable = variable;
        this.rank = rank;
    }

    static OnnxValue ofVariable(String onnxName, SDVariable variable, int rank) {
        return new OnnxValue(onnxName, null, variable, rank);
    }

    /** A rank-4 value held channels-last. */
    static OnnxValue ofNhwc(String onnxName, SDVariable nhwc) {
        OnnxValue v = new OnnxValue(onnxName, null, null, 4);
        v.nhwc = nhwc;
        return v;
    }

    /** A rank-4 value held as packed channels. */
    static OnnxValue ofPacked(String onnxName, PackedChannels packed) {
        OnnxValue v = new OnnxValue(onnxName, null, null, 4);
        v.packed = packed;
        v.channels = packed.channels();
        return v;
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

    /** The SameDiff variable (NCHW for rank-4 values), or null if not created yet. */
    SDVariable variable() {
        return variable;
    }

    void setVariable(SDVariable v) {
        this.variable = v;
    }

    /** The channels-last variable of a rank-4 value, or null if not created yet. */
    SDVariable nhwc() {
        return nhwc;
    }

    void setNhwc(SDVariable v) {
        this.nhwc = v;
    }

    /** The packed representation, or null for an ordinary value. */
    PackedChannels packed() {
        return packed;
    }

    /** The number of channels (dimension 1) where the import knows it, else {@link #UNKNOWN_CHANNELS}. */
    int channels() {
        return channels;
    }

    OnnxValue withChannels(int c) {
        this.channels = c;
        return this;
    }
}
