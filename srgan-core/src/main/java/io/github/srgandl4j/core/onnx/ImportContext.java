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
    private final ImportRewrites rewrites;

    ImportContext(SameDiff sd, OnnxImportOptions options, String source, ImportRewrites rewrites) {
        this.sd = sd;
        this.options = options;
        this.source = source;
        this.rewrites = rewrites;
    }

    /** The inference rewrites of this import (see {@link ImportRewrites}). */
    ImportRewrites rewrites() {
        return rewrites;
    }

    /**
     * True if an op that works in either layout should run channels-last on {@code v}: rewrites are on
     * and {@code v} is held NHWC (or packed) already.
     */
    boolean prefersNhwc(OnnxValue v) {
        return rewrites.enabled() && (v.nhwc() != null || v.packed() != null);
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
        return nchw(value(node, i));
    }

    /**
     * The SameDiff variable of {@code v}, NCHW if rank 4: a value held only channels-last is permuted
     * back (once; the permute is kept for other readers).
     */
    SDVariable nchw(OnnxValue v) {
        checkNotPacked(v);
        if (v.variable() == null && v.nhwc() != null) {
            v.setVariable(sd.permute(uniqueName(v.onnxName()), v.nhwc(), 0, 3, 1, 2));
            rewrites.countLayoutPermute();
        }
        return materialise(v, false);
    }

    /** The channels-last variable of rank-4 input {@code i}: permuted from NCHW once if needed. */
    SDVariable nhwc(OnnxNode node, int i) {
        OnnxValue v = value(node, i);
        checkNotPacked(v);
        if (v.nhwc() == null) {
            SDVariable x = materialise(v, false);
            v.setNhwc(sd.permute(uniqueName(v.onnxName() + "_nhwc"), x, 0, 2, 3, 1));
            rewrites.countLayoutPermute();
        }
        return v.nhwc();
    }

    private static void checkNotPacked(OnnxValue v) {
        if (v.packed() != null) {
            throw new IllegalStateException("internal error: value '" + v.onnxName()
                    + "' holds rearranged channels (an inference rewrite) and is read by an op the rewrite did not plan for");
        }
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

    /** {@link #setOutput(OnnxNode, int, SDVariable, int)} for a value whose channel count is known. */
    void setOutput(OnnxNode node, int i, SDVariable var, int rank, int channels) {
        setOutput(node, i, var, rank);
        values.get(node.output(i)).withChannels(channels);
    }

    /** Registers {@code nhwc}, a channels-last rank-4 tensor, as output {@code i} of {@code node}. */
    void setOutputNhwc(OnnxNode node, int i, SDVariable nhwc, int channels) {
        String onnxName = node.output(i);
        SDVariable named = sd.updateVariableNameAndReference(nhwc, uniqueName(onnxName + "_nhwc"));
        values.put(onnxName, OnnxValue.ofNhwc(onnxName, named).withChannels(channels));
    }

    /** Registers a packed value (see {@link PackedChannels}) as output {@code i} of {@code node}. */
    void setPackedOutput(OnnxNode node, int i, PackedChannels packed) {
        String onnxName = node.output(i);
        SDVariable named = sd.updateVariableNameAndReference(packed.nhwc(), uniqueName(onnxName + "_packed"));
        values.put(onnxName, OnnxValue.ofPacked(onnxName, packed.with(named)));
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
