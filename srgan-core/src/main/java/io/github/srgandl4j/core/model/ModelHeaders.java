package io.github.srgandl4j.core.model;

import io.github.srgandl4j.core.onnx.ValueRange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions between typed configuration records and the JSON-compatible maps of a model header. */
public final class ModelHeaders {
    private ModelHeaders() {}

    public static Map<String, Object> srResNetConfig(SrResNetConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scale", c.scale());
        m.put("residualBlocks", c.residualBlocks());
        m.put("channels", c.channels());
        m.put("bnEpsilon", c.bnEpsilon());
        m.put("bnMomentum", c.bnMomentum());
        return m;
    }

    public static SrResNetConfig srResNetConfig(Map<String, Object> m) {
        return new SrResNetConfig(integer(m, "scale"), integer(m, "residualBlocks"), integer(m, "channels"),
                number(m, "bnEpsilon"), number(m, "bnMomentum"));
    }

    public static Map<String, Object> discriminatorConfig(DiscriminatorConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inputSize", c.inputSize());
        m.put("baseChannels", c.baseChannels());
        m.put("denseUnits", c.denseUnits());
        m.put("leakySlope", c.leakySlope());
        m.put("bnEpsilon", c.bnEpsilon());
        m.put("bnMomentum", c.bnMomentum());
        if (!c.isPaperVariant()) { // absent in files written before the variants existed: the paper's
            m.put("batchNorm", c.batchNorm());
            m.put("spectralNorm", c.spectralNorm());
            m.put("head", c.head().name());
        }
        return m;
    }

    public static DiscriminatorConfig discriminatorConfig(Map<String, Object> m) {
        return new DiscriminatorConfig(integer(m, "inputSize"), integer(m, "baseChannels"), integer(m, "denseUnits"),
                number(m, "leakySlope"), number(m, "bnEpsilon"), number(m, "bnMomentum"),
                (Boolean) m.getOrDefault("batchNorm", Boolean.TRUE), (Boolean) m.getOrDefault("spectralNorm", Boolean.FALSE),
                DiscriminatorConfig.Head.valueOf(String.valueOf(m.getOrDefault("head", "FLATTEN"))));
    }

    public static List<Double> range(ValueRange r) {
        return List.of(r.min(), r.max());
    }

    @SuppressWarnings("unchecked")
    public static ValueRange range(Object o) {
        List<Number> l = (List<Number>) o;
        return new ValueRange(l.get(0).doubleValue(), l.get(1).doubleValue());
    }

    public static Map<String, Object> provenance(Provenance p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("libraryVersion", p.libraryVersion());
        m.put("createdAt", p.createdAt());
        m.put("details", new LinkedHashMap<>(p.details()));
        return m;
    }

    @SuppressWarnings("unchecked")
    public static Provenance provenance(Map<String, Object> m) {
        Map<String, String> details = new LinkedHashMap<>();
        ((Map<String, Object>) m.getOrDefault("details", Map.of())).forEach((k, v) -> details.put(k, String.valueOf(v)));
        return new Provenance(String.valueOf(m.get("libraryVersion")), String.valueOf(m.get("createdAt")), details);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("header field '" + key + "' is missing or not an object");
        }
        return (Map<String, Object>) v;
    }

    private static int integer(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("config field '" + key + "' is missing or not a number");
        }
        return ((Number) v).intValue();
    }

    private static double number(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("config field '" + key + "' is missing or not a number");
        }
        return ((Number) v).doubleValue();
    }
}
