package io.github.srgandl4j.core.onnx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import onnx.Onnx;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A conservative bound on how far (in input pixels) an output pixel of an image-to-image ONNX graph
 * can see: the tile margin that makes tiled inference identical to whole-image inference.
 *
 * <p>Each value carries its resolution relative to the input ({@code factor}: 1 at the input, 4
 * after two x2 pixel shuffles) and its radius in input pixels. A k x k convolution at factor f adds
 * max(pad_begin, extent - 1 - pad_begin) / f; DepthToSpace and nearest/linear upsampling multiply
 * the factor (the latter also adds one source pixel); element-wise ops and Concat take the maximum
 * over their inputs.
 */
final class ReceptiveField {
    private record Reach(double factor, double radius) {}

    private ReceptiveField() {}

    /** The radius in input pixels (rounded up) of {@code output}, for nodes already in topological order. */
    static int radius(List<Onnx.NodeProto> orderedNodes, String input, String output, long opset,
                      Function<String, INDArray> constants) {
        Map<String, Reach> reach = new HashMap<>();
        reach.put(input, new Reach(1, 0));
        for (Onnx.NodeProto n : orderedNodes) {
            Reach in = null;
            for (String name : n.getInputList()) {
                Reach r = reach.get(name);
                if (r != null) {
                    in = in == null ? r : new Reach(in.factor, Math.max(in.radius, r.radius));
                }
            }
            if (in == null) {
                continue; // a node of constants only
            }
            Reach out = switch (n.getOpType()) {
                case "Conv" -> conv(n, in, shape(constants, n, 1));
                case "ConvTranspose" -> convTranspose(n, in, shape(constants, n, 1));
                case "DepthToSpace" -> new Reach(in.factor * intAttr(n, "blocksize", 1), in.radius);
                case "Resize", "Upsample" -> upsample(n, in, opset, constants);
                default -> in;
            };
            for (String o : n.getOutputList()) {
                reach.put(o, out);
            }
        }
        Reach r = reach.get(output);
        return r == null ? 0 : (int) Math.ceil(r.radius - 1e-9);
    }

    private static long[] shape(Function<String, INDArray> constants, Onnx.NodeProto n, int i) {
        INDArray a = i < n.getInputCount() ? constants.apply(n.getInput(i)) : null;
        return a == null ? null : a.shape();
    }

    /** Nearest and linear upsampling read at most one neighbour of the source pixel. */
    private static Reach upsample(Onnx.NodeProto n, Reach in, long opset, Function<String, INDArray> constants) {
        int idx = n.getOpType().equals("Resize") && opset >= 11 ? 2 : 1;
        INDArray scales = idx < n.getInputCount() ? constants.apply(n.getInput(idx)) : null;
        double s = 1;
        if (scales != null && scales.length() == 4) {
            s = Math.max(scales.getDouble(2), scales.getDouble(3));
        } else {
            for (Onnx.AttributeProto a : n.getAttributeList()) {
                if (a.getName().equals("scales") && a.getFloatsCount() == 4) {
                    s = Math.max(a.getFloats(2), a.getFloats(3));
                }
            }
        }
        return new Reach(in.factor * s, in.radius + 1 / in.factor);
    }

    private static Reach conv(Onnx.NodeProto n, Reach in, long[] kernel) {
        if (kernel == null || kernel.length != 4) {
            return in;
        }
        long[] dil = ints(n, "dilations", new long[] {1, 1});
        long[] strides = ints(n, "strides", new long[] {1, 1});
        long[] pads = ints(n, "pads", new long[] {0, 0, 0, 0});
        double extent = 0;
        for (int a = 0; a < 2; a++) {
            long eff = (kernel[2 + a] - 1) * dil[a] + 1;
            long begin = pads.length == 4 ? pads[a] : (eff - 1) / 2;
            if (!stringAttr(n, "auto_pad", "NOTSET").equals("NOTSET")) {
                begin = eff - 1; // SAME_*: conservative
            }
            extent = Math.max(extent, Math.max(begin, eff - 1 - begin) + (strides[a] - 1));
        }
        double stride = Math.max(strides[0], strides[1]);
        return new Reach(in.factor / stride, in.radius + extent / in.factor);
    }

    private static Reach convTranspose(Onnx.NodeProto n, Reach in, long[] kernel) {
        if (kernel == null || kernel.length != 4) {
            return in;
        }
        long[] strides = ints(n, "strides", new long[] {1, 1});
        long[] pads = ints(n, "pads", new long[] {0, 0, 0, 0});
        double extent = 0;
        for (int a = 0; a < 2; a++) {
            extent = Math.max(extent, (double) (kernel[2 + a] - 1 + pads[a]) / strides[a] + 1);
        }
        return new Reach(in.factor * Math.max(strides[0], strides[1]), in.radius + extent / in.factor);
    }

    private static long intAttr(Onnx.NodeProto n, String name, long dflt) {
        for (Onnx.AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getI();
            }
        }
        return dflt;
    }

    private static String stringAttr(Onnx.NodeProto n, String name, String dflt) {
        for (Onnx.AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getS().toStringUtf8();
            }
        }
        return dflt;
    }

    private static long[] ints(Onnx.NodeProto n, String name, long[] dflt) {
        for (Onnx.AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getIntsList().stream().mapToLong(Long::longValue).toArray();
            }
        }
        return dflt;
    }
}
