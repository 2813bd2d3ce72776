package io.github.srgandl4j.core.onnx;

import java.util.List;
import onnx.Onnx;

/**
 * Read access to one ONNX node with defaults for absent attributes and error messages that name the
 * node, its op and the model file.
 */
final class OnnxNode {
    private final Onnx.NodeProto proto;
    private final String source;
    private final long opset;

    OnnxNode(Onnx.NodeProto proto, String source, long opset) {
        this.proto = proto;
        this.source = source;
        this.opset = opset;
    }

    String opType() {
        return proto.getOpType();
    }

    /** The node's name, or a description built from its first output if the node has no name. */
    String name() {
        if (!proto.getName().isEmpty()) {
            return proto.getName();
        }
        return proto.getOutputCount() > 0 ? "<unnamed, output " + proto.getOutput(0) + ">" : "<unnamed>";
    }

    long opset() {
        return opset;
    }

    Onnx.NodeProto proto() {
        return proto;
    }

    int inputCount() {
        return proto.getInputCount();
    }

    /** True if input {@code i} is given (ONNX marks an omitted optional input with an empty name). */
    boolean hasInput(int i) {
        return i < proto.getInputCount() && !proto.getInput(i).isEmpty();
    }

    String input(int i) {
        if (!hasInput(i)) {
            throw error("input " + i + " is missing");
        }
        return proto.getInput(i);
    }

    String output(int i) {
        return proto.getOutput(i);
    }

    /** Number of outputs that are actually named (optional trailing outputs may be empty). */
    int usedOutputCount() {
        int n = 0;
        for (String o : proto.getOutputList()) {
            if (!o.isEmpty()) {
                n++;
            }
        }
        return n;
    }

    private Onnx.AttributeProto attribute(String name) {
        for (Onnx.AttributeProto a : proto.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    boolean hasAttribute(String name) {
        return attribute(name) != null;
    }

    long intAttr(String name, long dflt) {
        Onnx.AttributeProto a = attribute(name);
        return a == null ? dflt : a.getI();
    }

    double floatAttr(String name, double dflt) {
        Onnx.AttributeProto a = attribute(name);
        return a == null ? dflt : a.getF();
    }

    String stringAttr(String name, String dflt) {
        Onnx.AttributeProto a = attribute(name);
        return a == null ? dflt : a.getS().toStringUtf8();
    }

    /** The ints attribute, or {@code dflt} (may be null) if absent. */
    long[] intsAttr(String name, long[] dflt) {
        Onnx.AttributeProto a = attribute(name);
        if (a == null) {
            return dflt;
        }
        List<Long> list = a.getIntsList();
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    float[] floatsAttr(String name, float[] dflt) {
        Onnx.AttributeProto a = attribute(name);
        if (a == null) {
            return dflt;
        }
        List<Float> list = a.getFloatsList();
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    Onnx.TensorProto tensorAttr(String name) {
        Onnx.AttributeProto a = attribute(name);
        return a == null || !a.hasT() ? null : a.getT();
    }

    /** An import error whose message names this node, its op and the model. */
    OnnxImportException error(String what) {
        return new OnnxImportException("ONNX node '" + name() + "' (op " + opType() + ") of model " + source + ": " + what);
    }
}
