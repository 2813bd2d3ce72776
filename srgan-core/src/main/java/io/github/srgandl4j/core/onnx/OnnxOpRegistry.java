package io.github.srgandl4j.core.onnx;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The ONNX ops the importer supports (default ONNX domain), each with its mapper. */
final class OnnxOpRegistry {
    private static final Map<String, OnnxOpMapper> MAPPERS = Map.ofEntries(
            Map.entry("Conv", ConvMappers::conv),
            Map.entry("ConvTranspose", ConvMappers::convTranspose),
            Map.entry("PRelu", ElementwiseMappers::prelu),
            Map.entry("Relu", ElementwiseMappers::relu),
            Map.entry("LeakyRelu", ElementwiseMappers::leakyRelu),
            Map.entry("Sigmoid", ElementwiseMappers::sigmoid),
            Map.entry("Tanh", ElementwiseMappers::tanh),
            Map.entry("Clip", ElementwiseMappers::clip),
            Map.entry("Add", ElementwiseMappers::add),
            Map.entry("Sub", ElementwiseMappers::sub),
            Map.entry("Mul", ElementwiseMappers::mul),
            Map.entry("Div", ElementwiseMappers::div),
            Map.entry("Concat", StructureMappers::concat),
            Map.entry("Constant", StructureMappers::constant),
            Map.entry("Identity", StructureMappers::identity),
            Map.entry("DepthToSpace", StructureMappers::depthToSpace),
            Map.entry("BatchNormalization", StructureMappers::batchNormalization),
            Map.entry("Resize", ResizeMappers::resize),
            Map.entry("Upsample", ResizeMappers::upsample));

    private OnnxOpRegistry() {}

    /** The mapper for {@code opType}, or null. */
    static OnnxOpMapper mapper(String opType) {
        return MAPPERS.get(opType);
    }

    /** The supported op types, sorted. */
    static Set<String> supportedOps() {
        return new TreeSet<>(MAPPERS.keySet());
    }

    /** For logging: op type counts of a node list. */
    static Map<String, Integer> count(Iterable<onnx.Onnx.NodeProto> nodes) {
        Map<String, Integer> counts = new TreeMap<>();
        for (onnx.Onnx.NodeProto n : nodes) {
            counts.merge(n.getOpType(), 1, Integer::sum);
        }
        return counts;
    }
}
