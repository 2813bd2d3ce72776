package io.github.srgandl4j.core.onnx;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * State of one import: the SameDiff graph being built, the ONNX values by name, and the naming of
 * SameDiff variables (ONNX names sanitised, e.g. {@code onnx::PRelu_176} becomes
 * {@code onnx__PRelu_176}, and made unique).
 */
final class ImportContext {
    private final SameDiff sd;
    private final OnnxImportOptions options;
    private final String source;
    private final Map<String, OnnxValue> values = new HashMap<>();

    ImportContext(SameDiff sd, OnnxImportOptions options, String source) {
        this.sd = sd;
        this.options = options;
        this.source = source;
    }

    SameDiff sd() {
        return sd;
    }

    /** True if weights are imported as trainable variables. */
    boolean trainable() {
        return options.trainable();
    }

    String source() {
        return source;
    }

    boolean has(String onnxName) {
        return values.containsKey(onnxName);
    }

    /** The value named {@code onnxName}, or null. */
    OnnxValue get(String onnxName) {
        return values.get(onnxName);
    }

    void put(OnnxValue value) {
        values.put(value.onnxName(), value);
    }

    /** The value of input {@code i} of {@code node}. */
    OnnxValue value(OnnxNode node, int i) {
        String name = node.input(i);
        OnnxValue v = values.get(name);
        if (v == null) {
            throw node.error("input '" + name + "' is not produced by any node, initializer or graph input");
        }
        return v;
    }

    /** The import-time value of input {@code i}, or an error naming the node if it is computed at run time. */
    INDArray constant(OnnxNode node, int i, String role) {
        OnnxValue v = value(node, i);
        if (!v.isConstant()) {
            throw node.error(role + " (input '" + node.input(i) + "') must be an initializer or Constant;"
                    + " values computed at run time are not supported");
        }
        return v.constant();
    }

    /**
     * The SameDiff variable of input {@code i}; an import-time value becomes a constant (never
     * trainable: use {@link #weight} for weights).
     */
    SDVariable var(OnnxNode node, int i) {
        return materialise(value(node, i), false);
    }

    /**
     * The SameDiff variable of input {@code i} as a weight: trainable if the options say so and the
     * value is an initializer/Constant.
     */
    SDVariable weight(OnnxNode node, int i) {
        return materialise(value(node, i), options.trainable());
    }

    /**
     * A new weight made from an import-time array derived from ONNX value {@code onnxName} (e.g. a
     * permuted kernel); trainable if the options say so.
     */
    SDVariable newWeight(String onnxName, INDArray array) {
        String name = uniqueName(onnxName);
        return options.trainable() ? sd.var(name, array) : sd.constant(name, array);
    }

    /** A constant helper array (never trainable). */
    SDVariable helperConstant(String baseName, INDArray array) {
        return sd.constant(uniqueName(baseName), array);
    }

    private SDVariable materialise(OnnxValue v, boolean trainable) {
        if (v.variable() == null) {
            String name = uniqueName(v.onnxName());
            INDArray arr = v.constant();
            boolean floating = arr.dataType().isFPType();
            v.setVariable(trainable && floating ? sd.var(name, arr) : sd.constant(name, arr));
        }
        return v.variable();
    }

    /** Registers {@code var} as output {@code i} of {@code node}, renaming it after the ONNX output. */
    void setOutput(OnnxNode node, int i, SDVariable var, int rank) {
        String onnxName = node.output(i);
        SDVariable named = sd.updateVariableNameAndReference(var, uniqueName(onnxName));
        values.put(onnxName, OnnxValue.ofVariable(onnxName, named, rank));
    }

    /** Registers an import-time value as output {@code i} of {@code node}. */
    void setConstantOutput(OnnxNode node, int i, INDArray value) {
        String onnxName = node.output(i);
        values.put(onnxName, OnnxValue.ofConstant(onnxName, value));
    }

    /** The ONNX name made safe for SameDiff (no ':' and other separators) and unique in the graph. */
    String uniqueName(String onnxName) {
        String base = sanitise(onnxName);
        String name = base;
        int k = 1;
        while (sd.hasVariable(name)) {
            name = base + "_" + k++;
        }
        return name;
    }

    /**
     * Replaces every character outside {@code [A-Za-z0-9_.-/]} by '_' and drops leading '/', so
     * {@code onnx::PRelu_176} becomes {@code onnx__PRelu_176} and {@code /block1/Conv_output_0}
     * becomes {@code block1/Conv_output_0}.
     */
    static String sanitise(String onnxName) {
        String s = onnxName.replaceAll("[^A-Za-z0-9_./-]", "_").replaceAll("^/+", "");
        return s.isEmpty() ? "onnx_value" : s;
    }
}
