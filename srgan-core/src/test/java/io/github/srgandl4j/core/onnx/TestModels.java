package io.github.srgandl4j.core.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import onnx.Onnx;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.protobuf.ByteString;

/** Builds small ONNX models in memory with the protobuf builders, for op-level tests. */
final class TestModels {
    private final Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder().setName("test");
    private final long opset;

    private TestModels(long opset) {
        this.opset = opset;
    }

    static TestModels opset(long opset) {
        return new TestModels(opset);
    }

    /** A float input [N, channels, H, W] with dynamic N, H, W. */
    TestModels input(String name, int channels) {
        return input(name, channels, -1, -1);
    }

    /** A float input [N, channels, h, w]; h or w of -1 is dynamic. */
    TestModels input(String name, int channels, long h, long w) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder()
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(channels))
                .addDim(h < 0 ? Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("H")
                        : Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(h))
                .addDim(w < 0 ? Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("W")
                        : Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(w));
        graph.addInput(Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder()
                .setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))));
        return this;
    }

    TestModels output(String name) {
        graph.addOutput(Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder()
                .setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(1))));
        return this;
    }

    TestModels initializer(String name, INDArray value) {
        graph.addInitializer(tensor(name, value));
        return this;
    }

    /** A node; {@code inputs} may contain "" for an omitted optional input. */
    TestModels node(String opType, String name, String[] inputs, String[] outputs, Onnx.AttributeProto... attrs) {
        Onnx.NodeProto.Builder n = Onnx.NodeProto.newBuilder().setOpType(opType).setName(name);
        for (String in : inputs) {
            n.addInput(in);
        }
        for (String out : outputs) {
            n.addOutput(out);
        }
        for (Onnx.AttributeProto a : attrs) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return this;
    }

    /** A single-input, single-output node. */
    TestModels node(String opType, String in, String out, Onnx.AttributeProto... attrs) {
        return node(opType, opType + "_" + out, new String[] {in}, new String[] {out}, attrs);
    }

    Onnx.ModelProto build() {
        return Onnx.ModelProto.newBuilder().setIrVersion(7).setProducerName("test")
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph).build();
    }

    /** Float arrays as raw float32, integer arrays as raw int64. */
    static Onnx.TensorProto tensor(String name, INDArray value) {
        Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name);
        for (long d : value.shape()) {
            t.addDims(d);
        }
        if (value.isEmpty()) {
            return t.clearDims().addDims(0).setDataType(value.dataType().isFPType() ? 1 : 7).build();
        }
        INDArray c = value.dup('c');
        int n = (int) c.length();
        if (value.dataType().isFPType()) {
            ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : c.castTo(DataType.FLOAT).data().asFloat()) {
                b.putFloat(f);
            }
            t.setDataType(1).setRawData(ByteString.copyFrom(b.array()));
        } else {
            ByteBuffer b = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : c.castTo(DataType.INT64).data().asLong()) {
                b.putLong(v);
            }
            t.setDataType(7).setRawData(ByteString.copyFrom(b.array()));
        }
        return t.build();
    }

    static Onnx.AttributeProto ints(String name, long... v) {
        Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName(name)
                .setType(Onnx.AttributeProto.AttributeType.INTS);
        for (long x : v) {
            a.addInts(x);
        }
        return a.build();
    }

    static Onnx.AttributeProto intAttr(String name, long v) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INT).setI(v).build();
    }

    static Onnx.AttributeProto floatAttr(String name, float v) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.FLOAT).setF(v).build();
    }

    static Onnx.AttributeProto floats(String name, float... v) {
        Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName(name)
                .setType(Onnx.AttributeProto.AttributeType.FLOATS);
        for (float x : v) {
            a.addFloats(x);
        }
        return a.build();
    }

    static Onnx.AttributeProto stringAttr(String name, String v) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(v)).build();
    }

    static Onnx.AttributeProto tensorAttr(String name, INDArray v) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.TENSOR)
                .setT(tensor("", v)).build();
    }

    /**
     * Translates {@code model} (without the importer's probe run and scale check, so any
     * shape-changing graph can be tested) and runs it on {@code x}.
     */
    static INDArray run(Onnx.ModelProto model, INDArray x) {
        OnnxGeneratorImporter.TranslatedGraph g = new OnnxGeneratorImporter().translate(model, "test-model");
        return g.sd().output(java.util.Map.of(g.inputName(), x), g.outputName()).get(g.outputName());
    }

    /** Imports {@code model} with default options. */
    static ImportedOnnxModel load(Onnx.ModelProto model) {
        return new OnnxGeneratorImporter().importModel(model, "test-model");
    }
}
