package io.github.srgandl4j.core.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A SameDiff listener that times every op it sees (wall time from {@code preOpExecution} to
 * {@code opExecution}: the native op itself, not SameDiff's bookkeeping around it) and sums the times
 * per network part and op type, for a breakdown of where a training step goes
 * ({@code ./srgan bench --profile}).
 *
 * <p>Parts: {@code D step} (every op of a discriminator's own training graph), {@code G forward} (forward-only
 * calls of the generator's graph, e.g. the fakes for the discriminator step), and within a generator step
 * {@code G step: VGG} (ops reading or writing a {@code vgg} name: the VGG19 content loss),
 * {@code G step: D copy} ({@code D/} names: the discriminator's constant copy) and {@code G step: G+loss}
 * (the rest). Ops of the backward pass (a {@code *_bp} type or a {@code -grad} output) are counted apart from
 * the forward ones. Not thread-safe: one listener per training thread.
 */
public final class OpTimer extends BaseListener {
    /** The total of one (part, pass, op type) key. */
    public record Row(String part, String pass, String op, long calls, double totalMs) {
    }

    private final Map<String, double[]> totals = new LinkedHashMap<>();
    private final Map<SameDiff, Boolean> discriminatorGraphs = new java.util.IdentityHashMap<>();
    private long started;
    private boolean enabled = true;

    @Override
    public boolean isActive(Operation operation) {
        return true;
    }

    /** Turns timing on or off (e.g. off during warm-up runs); times are not lost. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Forgets every time recorded so far. */
    public void reset() {
        totals.clear();
    }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
        started = System.nanoTime();
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext,
            INDArray[] outputs) {
        if (!enabled) {
            return;
        }
        double ms = (System.nanoTime() - started) / 1e6;
        List<String> out = op.getOutputsOfOp();
        String name = out == null || out.isEmpty() ? op.getName() : out.get(0);
        String type = op.getOp() == null ? "?" : op.getOp().opName();
        String pass = type.endsWith("_bp") || name.contains("-grad") || name.startsWith("grad") ? "backward" : "forward";
        String key = partOf(sd, at, op) + '\u0000' + pass + '\u0000' + type;
        double[] t = totals.computeIfAbsent(key, k -> new double[2]);
        t[0] += 1;
        t[1] += ms;
    }

    /**
     * The network part of an op (see the class comment): its graph (a discriminator's own training graph has the
     * placeholders {@code real} and {@code fake}), whether it runs in a training step or a forward-only call,
     * and the names of its inputs and outputs.
     */
    private String partOf(SameDiff sd, At at, SameDiffOp op) {
        boolean discriminatorGraph = discriminatorGraphs.computeIfAbsent(sd,
                g -> g.hasVariable("real") && g.hasVariable("fake"));
        if (discriminatorGraph) {
            return "D step";
        }
        if (at != null && at.operation() == Operation.INFERENCE) {
            return "G forward";
        }
        return partOfNames(op.getInputsToOp(), op.getOutputsOfOp());
    }

    /** The part of an op of a generator step, from its input and output names. */
    static String partOfNames(List<String> inputs, List<String> outputs) {
        boolean vgg = false;
        boolean disc = false;
        for (List<String> names : List.of(inputs == null ? List.<String>of() : inputs,
                outputs == null ? List.<String>of() : outputs)) {
            for (String n : names) {
                vgg |= n.startsWith("vgg") || n.contains("/vgg");
                disc |= n.startsWith("D/");
            }
        }
        return vgg ? "G step: VGG" : disc ? "G step: D copy" : "G step: G+loss";
    }

    /** Every key's totals, largest time first. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, double[]> e : totals.entrySet()) {
            String[] k = e.getKey().split("\u0000", 3);
            rows.add(new Row(k[0], k[1], k[2], (long) e.getValue()[0], e.getValue()[1]));
        }
        rows.sort(Comparator.comparingDouble(Row::totalMs).reversed());
        return rows;
    }

    /** The summed time of every op recorded, in ms. */
    public double totalMs() {
        return totals.values().stream().mapToDouble(t -> t[1]).sum();
    }
}
