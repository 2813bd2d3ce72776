package io.github.srgandl4j.core.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;
import onnx.Onnx;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.protobuf.ByteString;

/**
 * Appends nodes and float32 initializers to an ONNX {@code GraphProto} (the protobuf classes that
 * ship in nd4j-api, the same the importer reads). Every node output gets a fresh unique name.
 */
final class OnnxGraphWriter {
    static final int FLOAT = Onnx.TensorProto.DataType.FLOAT_VALUE;

    private final Onnx.GraphProto.Builder graph;
    private final Set<String> names = new HashSet<>();

    OnnxGraphWriter(String graphName) {
        this.graph = Onnx.GraphProto.newBuilder().setName(graphName);
    }

    Onnx.GraphProto.Builder graph() {
        return graph;
    }

    /** A float32 initializer holding {@code value} (C order), returned by name. */
    String initializer(String name, INDArray value) {
        claim(name);
        INDArray v = value.castTo(DataType.FLOAT).dup('c');
        float[] data = v.reshape(v.length()).toFloatVector();
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data);
        Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name).setDataType(FLOAT)
                .setRawData(ByteString.copyFrom(buf.array()));
        for (long d : v.shape()) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    /** A scalar float32 initializer. */
    String scalar(String name, double value) {
        claim(name);
        graph.addInitializer(Onnx.TensorProto.newBuilder().setName(name).setDataType(FLOAT).addFloatData((float) value));
        return name;
    }

    /** A node with one output named {@code output}; returns that name. */
    String node(String opType, String output, String[] inputs, Onnx.AttributeProto... attributes) {
        claim(output);
        Onnx.NodeProto.Builder n = Onnx.NodeProto.newBuilder().setOpType(opType).setName(output);
        for (String in : inputs) {
            n.addInput(in);
        }
        n.addOutput(output);
        for (Onnx.AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return output;
    }

    static Onnx.AttributeProto ints(String name, long... values) {
        Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName(name)
                .setType(Onnx.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static Onnx.AttributeProto integer(String name, long value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INT)
                .setI(value).build();
    }

    static Onnx.AttributeProto floating(String name, double value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.FLOAT)
                .setF((float) value).build();
    }

    static Onnx.AttributeProto string(String name, String value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    /** A float32 graph input or output with the given dimensions: a Long is fixed, a String symbolic. */
    static Onnx.ValueInfoProto tensorInfo(String name, Object... dims) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            Onnx.TensorShapeProto.Dimension.Builder dim = Onnx.TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String s) {
                dim.setDimParam(s);
            } else {
                dim.setDimValue(((Number) d).longValue());
            }
            shape.addDim(dim);
        }
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder()
                .setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(FLOAT).setShape(shape))).build();
    }

    private void claim(String name) {
        if (!names.add(name)) {
            throw new IllegalStateException("duplicate ONNX value name " + name);
        }
    }
}
