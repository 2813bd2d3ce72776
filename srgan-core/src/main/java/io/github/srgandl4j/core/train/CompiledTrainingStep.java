package io.github.srgandl4j.core.train;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.Listener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseOp;
import org.nd4j.linalg.api.ops.BaseReduceOp;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.ReduceOp;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Identity;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * One training step of a SameDiff graph, executed from a fixed plan instead of {@code fit()}'s training
 * session: the same ops of the graph's gradient function, the same optimizer objects
 * ({@code SameDiff.getUpdaterMap()}) and the same in-line update of each variable as soon as its
 * gradient exists, so the result equals {@code fit()} (tested). Adam's update is computed on the JVM
 * ({@link JvmAdam}, the same float32 arithmetic as the native op, on the updater's own state arrays). What it saves is SameDiff's per-step
 * bookkeeping: {@code fit()} builds a new session every call (dependency tracking, one native op context
 * per op, shape calculation and a fresh output array per op, ~2,000 ops per step), and leaves the arrays
 * to the garbage collector.
 *
 * <p>The first step runs op by op and gives each output an array as its shape becomes known, from a best-fit
 * pool of buffers whose values are no longer needed ({@link ArrayPool}). From then on every value keeps that
 * array and every op its native context with its input and output arrays set once: a step is a copy of the
 * batch into the placeholder arrays, then one native call per op. The plan is rebuilt when a placeholder's
 * shape changes. {@link #output} does the same for forward-only values, and {@link #splitAt} lets a caller act
 * between two phases of a step (the paper's order with one generator forward pass).
 *
 * <p>Supported: the graph's gradient function made of custom ops (with their arguments fixed at build time),
 * legacy ops (including a reduction's axis and a scalar op's scalar given as a second input) and
 * {@code identity}. Control flow, tensor arrays and in-place ops ({@code assign}) are refused when the plan
 * is built, naming the op. Listeners active for training get the same calls as from {@code fit()}:
 * {@code iterationStart}, {@code preOpExecution}, {@code opExecution}, {@code activationAvailable},
 * {@code preUpdate} and {@code iterationDone}. As in {@code fit()}, only the gradients and the values of
 * train evaluations are computed: a loss value is reported only if one of them needs it (0 otherwise).
 *
 * <p>Not thread safe; one instance per graph. The variables' arrays must not be replaced (they are
 * updated in place, as {@code fit()} does).
 */
final class CompiledTrainingStep {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CompiledTrainingStep.class);
    private final SameDiff sd;

    private Plan plan;
    private Plan forward;
    private String midwayOutput;
    private Set<String> deferred = Set.of();
    private List<String> forwardOutputs = List.of();

    private final boolean reorderedSums;
    private final Arena arena;

    CompiledTrainingStep(SameDiff sd) {
        this(sd, true);
    }

    /**
     * @param reorderedSums whether the plan may run rewrites that sum in another order than {@code fit()}'s ops and so
     *     are equal to them within float rounding: frozen convolutions' input gradient alone ({@link InputOnlyConvolution})
     *     and the per-channel scale on the JVM ({@link ChannelScale}); false: exactly {@code fit()}'s values
     */
    CompiledTrainingStep(SameDiff sd, boolean reorderedSums) {
        this(sd, reorderedSums, null);
    }

    /** @param arena buffers shared with the other graph's training plan ({@link Arena}), or null */
    CompiledTrainingStep(SameDiff sd, boolean reorderedSums, Arena arena) {
        this.sd = sd;
        this.reorderedSums = reorderedSums;
        this.arena = arena;
    }

    /**
     * Orders the step's ops in two phases: first the ops that {@code midwayOutput} needs (none of which may depend,
     * directly or through other ops, on one of the {@code deferred} constants), then the rest; a
     * {@link #step(MultiDataSet, java.util.function.Consumer)} hands {@code midwayOutput} to its callback between
     * the two, so the callback may change the deferred constants in place (the paper's order: the discriminator
     * step on the generator's output, then its new weights into the generator graph's copy) without a second
     * forward pass. Changing the split drops the plan.
     */
    void splitAt(String midwayOutput, Set<String> deferred) {
        if (!midwayOutput.equals(this.midwayOutput) || !deferred.equals(this.deferred)) {
            this.midwayOutput = midwayOutput;
            this.deferred = Set.copyOf(deferred);
            plan = null;
        }
    }

    /** One optimizer step on the batch; returns the loss values, as {@code fit()} reports them. */
    Loss step(MultiDataSet batch) {
        return step(batch, null);
    }

    /**
     * One optimizer step with the split of {@link #splitAt}: {@code midway} receives the midway output (valid only
     * during the call) after the first phase.
     */
    Loss step(MultiDataSet batch, java.util.function.Consumer<INDArray> midway) {
        if (midway != null && midwayOutput == null) {
            throw new IllegalStateException("no split configured (splitAt)");
        }
        TrainingConfig tc = sd.getTrainingConfig();
        if (tc == null) {
            throw new IllegalStateException("the graph has no training configuration");
        }
        Map<String, INDArray> placeholders = placeholders(tc, batch);
        OptimizerState.initialize(sd);
        SameDiff grad = sd.getFunction("grad");
        if (grad == null) {
            throw new IllegalStateException("the graph has no gradient function (call createGradFunction first)");
        }
        At at = At.builder()
                .epoch(tc.getEpochCount())
                .iteration(tc.getIterationCount())
                .trainingThreadNum(0)
                .javaThreadNum(Thread.currentThread().getId())
                .operation(Operation.TRAINING)
                .build();
        List<Listener> listeners = listeners(Operation.TRAINING);
        for (Listener l : listeners) {
            l.iterationStart(sd, at, batch, 0);
        }
        Loss loss;
        if (plan == null || !plan.accepts(placeholders) || (arena != null && plan.arenaGeneration != arena.generation)) {
            plan = null;
            Plan p = Plan.build(sd, grad, tc, reorderedSums);
            if (midwayOutput != null) {
                p.split(midwayOutput, deferred);
            }
            loss = p.firstStep(placeholders, listeners, at, batch, midway, arena);
            plan = p;
            long[] st = p.arrayStats();
            LOG.info("compiled training step: {} ops ({} convolution backward passes input-only, {} ops "
                    + "run as fast equivalents), {} new arrays of {} MiB, values live at once at most {} MiB{}",
                    p.steps.size(), p.inputOnlyConvolutions(), p.fastOps(), st[0], st[1] >> 20, st[2] >> 20, arena == null ? "" : " (arena shared with other graphs: "
                    + (arena.bytes() >> 20) + " MiB in all)");
        } else {
            loss = plan.step(placeholders, listeners, at, batch, midway);
        }
        for (Listener l : listeners) {
            l.iterationDone(grad, at, batch, loss);
        }
        tc.incrementIterationCount();
        return loss;
    }

    /**
     * The values of {@code outputs} for the given placeholders, as {@code SameDiff.output} computes them, from a
     * compiled forward plan of the graph (built at the first call and whenever the outputs or placeholder shapes
     * change); nothing is updated. Returns copies, which the caller owns (and should close).
     */
    Map<String, INDArray> output(Map<String, INDArray> placeholders, String... outputs) {
        List<String> wanted = List.of(outputs);
        At at = At.builder().epoch(0).iteration(0).trainingThreadNum(0)
                .javaThreadNum(Thread.currentThread().getId()).operation(Operation.INFERENCE).build();
        List<Listener> listeners = listeners(Operation.INFERENCE);
        if (forward == null || !forwardOutputs.equals(wanted) || !forward.accepts(placeholders)) {
            forward = null;
            Plan p = Plan.forward(sd, new LinkedHashSet<>(wanted));
            p.firstStep(placeholders, listeners, at, null, null, null);
            forward = p;
            forwardOutputs = wanted;
        } else {
            forward.step(placeholders, listeners, at, null, null);
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String o : wanted) {
            out.put(o, forward.values.get(o).dup());
        }
        return out;
    }

    /**
     * Number of buffers the training plan added, their total size in bytes, and the most bytes its values held at once
     * (0 before the first step).
     */
    long[] planArrays() {
        return plan == null ? new long[] {0, 0, 0} : plan.arrayStats();
    }

    /** Number of {@code conv2d_bp} ops the training plan runs as their input gradient alone (0 before the first step). */
    int inputOnlyConvolutions() {
        return plan == null ? 0 : plan.inputOnlyConvolutions();
    }

    /** The graph's listeners active for {@code operation}. */
    private List<Listener> listeners(Operation operation) {
        List<Listener> out = new ArrayList<>();
        for (Listener l : sd.getListeners()) {
            if (l.isActive(operation)) {
                out.add(l);
            }
        }
        return out;
    }

    private static Map<String, INDArray> placeholders(TrainingConfig tc, MultiDataSet batch) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        List<String> features = tc.getDataSetFeatureMapping();
        List<String> labels = tc.getDataSetLabelMapping();
        if (features.size() != batch.numFeatureArrays()) {
            throw new IllegalArgumentException("the batch has " + batch.numFeatureArrays() + " feature arrays, the graph "
                    + features.size());
        }
        int nLabels = labels == null ? 0 : labels.size();
        if (nLabels != batch.numLabelsArrays()) {
            throw new IllegalArgumentException("the batch has " + batch.numLabelsArrays() + " label arrays, the graph "
                    + nLabels);
        }
        for (int i = 0; i < features.size(); i++) {
            out.put(features.get(i), batch.getFeatures(i));
        }
        for (int i = 0; i < nLabels; i++) {
            out.put(labels.get(i), batch.getLabels(i));
        }
        return out;
    }

    /**
     * Arrays for op outputs during the first step: a value whose last reader has run gives its buffer back, and a
     * new value takes the smallest free buffer of its data type that holds it and wastes at most half of it
     * (best fit), seen through an array of its own shape; else a new buffer. Values of different shapes thereby
     * share memory (gradients of one layer after activations of another), as a framework's allocator would.
     */
    static final class ArrayPool {
        private final Map<DataType, java.util.TreeMap<Long, Deque<INDArray>>> free = new HashMap<>();
        private final Arena arena;
        /** value array (possibly a view) -> the whole buffer it lives in */
        private final java.util.IdentityHashMap<INDArray, INDArray> baseOf = new java.util.IdentityHashMap<>();
        /** Every buffer this pool hands out or holds free. */
        private final Set<INDArray> known = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        long buffers;
        long bytes;
        /** Bytes of the values held now, and the most held at once: what an allocator without waste would need. */
        long live;
        long peakLive;

        /**
         * A pool that starts with every buffer of {@code arena} free except those another plan holds across a nested
         * step ({@link Arena#busy}), and adds its new buffers to the arena (null: no arena).
         */
        ArrayPool(Arena arena) {
            this.arena = arena;
            if (arena != null) {
                for (INDArray base : arena.buffers) {
                    if (!arena.busy.contains(base)) {
                        addFree(base);
                    }
                }
            }
        }

        /** Makes {@code base} available. */
        void addFree(INDArray base) {
            known.add(base);
            free.computeIfAbsent(base.dataType(), k -> new java.util.TreeMap<>())
                    .computeIfAbsent(base.length(), k -> new ArrayDeque<>()).push(base);
        }

        /** The buffers holding values now (known, not free). */
        Set<INDArray> held() {
            Set<INDArray> h = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            h.addAll(known);
            for (java.util.TreeMap<Long, Deque<INDArray>> bySize : free.values()) {
                for (Deque<INDArray> q : bySize.values()) {
                    q.forEach(h::remove);
                }
            }
            return h;
        }

        INDArray take(LongShapeDescriptor d) {
            if (d.isEmpty() || d.getShape().length == 0) {
                buffers++;
                return d.isEmpty() ? Nd4j.create(d) : Nd4j.createUninitializedDetached(d.dataType(), d.getShape());
            }
            long n = 1;
            for (long x : d.getShape()) {
                n *= x;
            }
            java.util.TreeMap<Long, Deque<INDArray>> bySize = free.computeIfAbsent(d.dataType(), k -> new java.util.TreeMap<>());
            Map.Entry<Long, Deque<INDArray>> e = bySize.ceilingEntry(n);
            INDArray base;
            if (e != null && e.getKey() <= 2 * n) {
                base = e.getValue().pop();
                if (e.getValue().isEmpty()) {
                    bySize.remove(e.getKey());
                }
            } else {
                base = Nd4j.createUninitializedDetached(d.dataType(), n);
                known.add(base);
                buffers++;
                bytes += n * d.dataType().width();
                if (arena != null) {
                    arena.buffers.add(base);
                }
            }
            long[] shape = d.getShape();
            INDArray a = Nd4j.create(base.data(), shape, Nd4j.getStrides(shape, 'c'), 0, 'c');
            baseOf.put(a, base);
            live += n * d.dataType().width();
            peakLive = Math.max(peakLive, live);
            return a;
        }

        void giveBack(INDArray a) {
            INDArray base = baseOf.remove(a);
            if (base == null) {
                return; // rank 0 or empty: not pooled
            }
            live -= a.length() * a.dataType().width();
            addFree(base);
        }
    }

    /**
     * Buffers shared by the training plans of several graphs (the generator's and the discriminator's). A plan's
     * values live only during its own step (every op output is computed before it is read, and what passes between
     * the graphs is a copy), so a plan built later starts with the arena's buffers free: in BasicSR's order, where
     * the generator step ends before the discriminator step starts, the two plans need the larger of their two peaks,
     * not the sum. In the paper's order with one generator pass the discriminator step runs in the middle of a split
     * generator step: there the generator's plan, when built, marks the buffers holding values across its midpoint as
     * {@link #busy}, and a plan built during the midpoint takes none of them; the buffers it adds are free for the
     * generator's second phase. A rebuilt split plan starts a new {@link #generation}, and plans of older generations
     * are rebuilt at their next step, so no plan keeps a buffer another one now holds across the midpoint.
     */
    static final class Arena {
        private final List<INDArray> buffers = new ArrayList<>();
        /** Buffers a split plan holds across its midpoint. */
        private final Set<INDArray> busy = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        private int generation;

        /** Bytes held. */
        long bytes() {
            long b = 0;
            for (INDArray a : buffers) {
                b += a.length() * a.dataType().width();
            }
            return b;
        }
    }

    /** How one op reads its inputs and where its outputs go. */
    private static final class Step {
        final SameDiffOp op;
        final DifferentialFunction fn;
        final String[] inputs;
        final String[] outputs;
        final boolean identity;
        OpContext ctx;
        /** For legacy reductions and scalar ops whose axis or scalar is a second input (set per step). */
        final boolean legacyAxis;
        final boolean legacyScalar;
        /**
         * The values whose contents this op reads, and those it writes, in the plan (all its inputs and outputs, unless
         * rewritten or {@linkplain #shapeOnlyInputs shape-only}).
         */
        String[] reads;
        String[] produced;
        /** Set when this {@code conv2d_bp} runs as {@link InputOnlyConvolution}. */
        InputOnlyConvolution inputOnly;
        /** Set when this op runs as one of {@link FastOps}. */
        FastOps.Kernel fast;

        Step(SameDiffOp op) {
            this.op = op;
            this.fn = op.getOp();
            String[] args = fn.argNames();
            this.inputs = args == null ? new String[0] : args;
            this.outputs = op.getOutputsOfOp().toArray(new String[0]);
            this.identity = fn instanceof Identity;
            this.legacyAxis = fn instanceof ReduceOp && ((ReduceOp) fn).getOpType() != Op.Type.REDUCE3
                    && inputs.length == 2;
            this.legacyScalar = fn instanceof ScalarOp && inputs.length == 2;
            Set<Integer> shapeOnly = shapeOnlyInputs(fn.opName(), inputs.length);
            List<String> r = new ArrayList<>();
            for (int i = 0; i < inputs.length; i++) {
                if (!shapeOnly.contains(i)) {
                    r.add(inputs[i]);
                }
            }
            this.reads = r.toArray(new String[0]);
            this.produced = outputs;
            this.fast = FastOps.of(fn);
        }

        /**
         * The inputs of a libnd4j op that it reads the shape of but not the contents: the forward operands of the
         * gradients of an addition, a subtraction, a mean, a sum and a concatenation (which only say what shape the
         * gradient has and along which axes it is summed), and the inputs of {@code shape_of} and
         * {@code zeroslike}. Such an input's array may already hold another value when the op runs, since the plan
         * keeps the array object (and so its shape) but gives its buffer to later values. In a training graph these
         * are most of the forward values kept into the backward pass: BatchNorm's squared input, PReLU's positive part
         * and every residual sum would otherwise stay allocated until their gradients are computed.
         */
        static Set<Integer> shapeOnlyInputs(String opName, int inputs) {
            switch (opName) {
                case "add_bp":
                case "subtract_bp":
                    return inputs == 3 ? Set.of(0, 1) : Set.of();
                case "reduce_mean_bp":
                case "reduce_sum_bp":
                case "shape_of":
                case "zeroslike":
                    return inputs >= 1 ? Set.of(0) : Set.of();
                case "concat_bp": {
                    Set<Integer> s = new HashSet<>();
                    for (int i = 0; i < inputs - 1; i++) {
                        s.add(i);
                    }
                    return s;
                }
                default:
                    return Set.of();
            }
        }

        /** Runs this op as libnd4j's op instead of a {@link FastOps.Kernel} that sums in another order. */
        void keepExactSums() {
            if (fast != null && fast.reordersSums()) {
                fast = null;
            }
        }

        /** Runs this op as its input gradient alone (see {@link InputOnlyConvolution}). */
        void rewriteAsInputOnly(InputOnlyConvolution c) {
            inputOnly = c;
            reads = new String[] {inputs[1], inputs[inputs.length - 1]};
            produced = new String[] {outputs[0]};
        }
    }

    /**
     * The input gradient of a convolution whose kernel and bias gradients nothing reads: a frozen kernel (the VGG19
     * of a content loss; the discriminator's copy in a generator step, also when spectrally normalised in the
     * graph). libnd4j's {@code conv2d_bp} always computes all three gradients, PyTorch's autograd only what is
     * needed. For stride 1, dilation 1 and an odd kernel padded to keep the size, the input gradient is a forward
     * convolution of the output gradient with the kernel rotated by 180 degrees and its two channel axes swapped;
     * oneDNN runs that in 40-60% of {@code conv2d_bp}'s time (docs/performance.md, section 12). The rotated kernel is
     * refreshed from the kernel's array before every run (the discriminator's copy changes between steps), by one
     * strided copy per tap.
     */
    static final class InputOnlyConvolution {
        private final long[] iArgs;
        private final DynamicCustomOp conv = DynamicCustomOp.builder("conv2d").build();
        private INDArray[] taps;
        private INDArray[] sources;

        private InputOnlyConvolution(long[] iArgs) {
            this.iArgs = iArgs.clone();
        }

        /**
         * The rewrite for {@code s}, or null where it does not apply: not a {@code conv2d_bp}, a kernel or bias
         * gradient that some op or the caller reads ({@code read}: a trained kernel's gradient always is), or a
         * convolution other than stride 1, dilation 1, odd kernel, size-keeping padding, NCHW or NHWC, [kH, kW, in,
         * out] kernel.
         */
        static InputOnlyConvolution of(Step s, Set<String> read) {
            if (!(s.fn instanceof DynamicCustomOp) || !"conv2d_bp".equals(s.fn.opName()) || s.inputs.length < 3
                    || s.outputs.length != s.inputs.length - 1) {
                return null;
            }
            for (int k = 1; k < s.outputs.length; k++) {
                if (read.contains(s.outputs[k])) {
                    return null;
                }
            }
            long[] a = ((DynamicCustomOp) s.fn).iArgs();
            if (a == null || a.length < 10) {
                return null;
            }
            long kH = a[0], kW = a[1];
            boolean keepsSize = a[8] == 1 || (a[4] == (kH - 1) / 2 && a[5] == (kW - 1) / 2);
            // NCHW or NHWC data (a[9]: the rotated-kernel convolution runs in the same layout), [kH, kW, in, out] kernel
            boolean plain = a[2] == 1 && a[3] == 1 && a[6] == 1 && a[7] == 1 && (a[9] == 0 || a[9] == 1)
                    && (a.length < 11 || a[10] == 0);
            return kH % 2 == 1 && kW % 2 == 1 && keepsSize && plain ? new InputOnlyConvolution(a) : null;
        }

        /**
         * A context computing {@code inputGradient} from {@code outputGradient} and {@code kernel} ([kH, kW, in, out];
         * the arrays are the plan's, so they stay valid across steps).
         */
        OpContext bind(INDArray kernel, INDArray outputGradient, INDArray inputGradient) {
            int kH = (int) iArgs[0];
            int kW = (int) iArgs[1];
            if (kernel.rank() != 4 || kernel.size(0) != kH || kernel.size(1) != kW) {
                throw new IllegalStateException("conv2d_bp kernel of shape " + Arrays.toString(kernel.shape())
                        + " for a " + kH + "x" + kW + " convolution");
            }
            INDArray rotated = Nd4j.createUninitializedDetached(kernel.dataType(), kH, kW, kernel.size(3), kernel.size(2));
            taps = new INDArray[kH * kW];
            sources = new INDArray[kH * kW];
            for (int i = 0; i < kH; i++) {
                for (int j = 0; j < kW; j++) {
                    taps[i * kW + j] = rotated.get(NDArrayIndex.point(i), NDArrayIndex.point(j));
                    sources[i * kW + j] = kernel.get(NDArrayIndex.point(kH - 1 - i), NDArrayIndex.point(kW - 1 - j))
                            .transpose();
                }
            }
            OpContext oc = Nd4j.getExecutioner().buildContext();
            oc.setInputArrays(outputGradient, rotated);
            oc.setOutputArrays(inputGradient);
            oc.setIArguments(iArgs);
            return oc;
        }

        void exec(OpContext oc) {
            for (int t = 0; t < taps.length; t++) {
                taps[t].assign(sources[t]);
            }
            Nd4j.exec(conv, oc);
        }
    }

    /** The ops to run, in order, and the arrays of every value. */
    private static final class Plan {
        private final SameDiff grad;
        private final TrainingConfig tc;
        private final List<Step> steps;
        /** Index of the first op of the second phase (Integer.MAX_VALUE: no split), and the value handed over there. */
        private int splitIndex = Integer.MAX_VALUE;
        private String midwayName;
        /** gradient variable -> trained variable */
        private final Map<String, String> gradToVar;
        private final Map<String, Integer> lossIndex;
        private final List<String> lossNames;
        /** value name -> array (variables and constants are looked up, not stored). */
        private final Map<String, INDArray> values = new HashMap<>();
        private final Map<String, long[]> placeholderShapes = new HashMap<>();
        private final Map<String, INDArray> placeholderArrays = new HashMap<>();
        private final Map<String, GradientUpdater> updaters;
        /** Adam on the JVM for the in-line updates (one native op pair per variable costs more; see JvmAdam). */
        private final JvmAdam jvmAdam = new JvmAdam();
        private long[] stats = {0, 0, 0};
        /** The arena generation this plan's buffers were assigned in. */
        private int arenaGeneration;
        /** Values whose arrays are never reused within a step (a forward plan's outputs, read after it). */
        private final Set<String> keep = new HashSet<>();

        private Plan(SameDiff grad, TrainingConfig tc, List<Step> steps, Map<String, String> gradToVar,
                List<String> lossNames, Map<String, GradientUpdater> updaters) {
            this.grad = grad;
            this.tc = tc;
            this.steps = steps;
            this.gradToVar = gradToVar;
            this.lossNames = lossNames;
            this.lossIndex = new HashMap<>();
            for (int i = 0; i < lossNames.size(); i++) {
                lossIndex.put(lossNames.get(i), i);
            }
            this.updaters = updaters;
        }

        static Plan build(SameDiff sd, SameDiff grad, TrainingConfig tc, boolean reorderedSums) {
            Map<String, String> gradToVar = new LinkedHashMap<>();
            Set<String> required = new LinkedHashSet<>();
            for (Variable v : sd.getVariables().values()) {
                if (v.getVariable().getVariableType() != VariableType.VARIABLE) {
                    continue;
                }
                SDVariable g = grad.getVariable(v.getName()).getGradient();
                if (g == null) {
                    continue; // no floating-point path to the loss, as fit() skips it
                }
                gradToVar.put(g.name(), v.getName());
                required.add(g.name());
            }
            // as fit(): loss values are reported only where the gradients or a train evaluation need them
            List<String> lossNames = new ArrayList<>(sd.getLossVariables());
            if (tc.getTrainEvaluations() != null) {
                required.addAll(tc.getTrainEvaluations().keySet());
            }
            List<Step> order = order(grad, required);
            if (reorderedSums) {
                rewriteInputOnlyConvolutions(order, required);
            } else {
                order.forEach(Step::keepExactSums);
            }
            Map<String, GradientUpdater> updaters = sd.getUpdaterMap();
            for (String var : gradToVar.values()) {
                if (updaters == null || updaters.get(var) == null) {
                    throw new IllegalStateException("no optimizer state for variable '" + var + "'");
                }
            }
            return new Plan(grad, tc, order, gradToVar, lossNames, updaters);
        }

        /** Runs every {@code conv2d_bp} that {@link InputOnlyConvolution#of} accepts as its input gradient alone. */
        private static void rewriteInputOnlyConvolutions(List<Step> steps, Set<String> required) {
            Set<String> read = new HashSet<>(required);
            for (Step s : steps) {
                read.addAll(Arrays.asList(s.inputs));
            }
            for (Step s : steps) {
                InputOnlyConvolution c = InputOnlyConvolution.of(s, read);
                if (c != null) {
                    s.rewriteAsInputOnly(c);
                }
            }
        }

        /** Number of ops run as {@link FastOps}. */
        int fastOps() {
            return (int) steps.stream().filter(s -> s.fast != null).count();
        }

        /** Number of {@code conv2d_bp} ops run as their input gradient alone. */
        int inputOnlyConvolutions() {
            return (int) steps.stream().filter(s -> s.inputOnly != null).count();
        }

        /**
         * Reorders the steps into the two phases of {@link CompiledTrainingStep#splitAt}: first only the ops the midway
         * output needs, then all others in their order. Everything else (in the paper's order, the content loss's
         * VGG19 activations of the generator's output) is computed after the midpoint, where its arrays can reuse the
         * nested step's buffers instead of being held across it.
         */
        void split(String midwayOutput, Set<String> deferred) {
            Map<String, Step> maker = new HashMap<>();
            for (Step s : steps) {
                for (String o : s.outputs) {
                    maker.put(o, s);
                }
            }
            if (!maker.containsKey(midwayOutput)) {
                throw new IllegalStateException("'" + midwayOutput + "' is not an output of an op the training step runs");
            }
            Set<Step> needed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            Deque<String> todo = new ArrayDeque<>(List.of(midwayOutput));
            while (!todo.isEmpty()) {
                Step s = maker.get(todo.pop());
                if (s != null && needed.add(s)) {
                    todo.addAll(Arrays.asList(s.inputs));
                }
            }
            for (Step s : needed) {
                for (String in : s.inputs) {
                    if (deferred.contains(in)) {
                        throw new IllegalStateException("'" + midwayOutput + "' depends on the deferred constant '" + in
                                + "', so it cannot be computed before the deferred constants change");
                    }
                }
            }
            List<Step> first = new ArrayList<>();
            List<Step> second = new ArrayList<>();
            for (Step s : steps) {
                (needed.contains(s) ? first : second).add(s);
            }
            steps.clear();
            steps.addAll(first);
            steps.addAll(second);
            splitIndex = first.size();
            midwayName = midwayOutput;
        }

        /** Hands the midway value to {@code midway} (if any) when op {@code i} is the first of the second phase. */
        private void midway(int i, java.util.function.Consumer<INDArray> midway) {
            if (i == splitIndex && midway != null) {
                midway.accept(values.get(midwayName));
            }
        }

        /** A forward-only plan of {@code sd} for the {@code outputs}: no gradients, no updates. */
        static Plan forward(SameDiff sd, Set<String> outputs) {
            Plan p = new Plan(sd, null, order(sd, outputs), Map.of(), List.of(), Map.of());
            p.keep.addAll(outputs);
            return p;
        }

        /** Ops needed for the required values, in an order where every input is computed before use. */
        private static List<Step> order(SameDiff grad, Set<String> required) {
            Map<String, SameDiffOp> ops = grad.getOps();
            Map<String, Variable> vars = grad.getVariables();
            List<Step> out = new ArrayList<>();
            Set<String> done = new HashSet<>();
            Set<String> onPath = new HashSet<>();
            // iterative depth-first post-order over ops
            for (String r : required) {
                Variable v = vars.get(r);
                if (v == null) {
                    throw new IllegalStateException("required value '" + r + "' is not in the gradient function");
                }
                String root = v.getOutputOfOp();
                if (root == null || done.contains(root)) {
                    continue;
                }
                Deque<String[]> stack = new ArrayDeque<>();
                stack.push(new String[] {root});
                Map<String, Integer> next = new HashMap<>();
                while (!stack.isEmpty()) {
                    String name = stack.peek()[0];
                    SameDiffOp op = ops.get(name);
                    List<String> deps = dependencies(op, vars);
                    int i = next.getOrDefault(name, 0);
                    if (i == 0) {
                        onPath.add(name);
                    }
                    if (i < deps.size()) {
                        next.put(name, i + 1);
                        String d = deps.get(i);
                        if (!done.contains(d)) {
                            if (onPath.contains(d)) {
                                throw new IllegalStateException("the gradient function has a cycle through op '" + d + "'");
                            }
                            stack.push(new String[] {d});
                        }
                    } else {
                        stack.pop();
                        onPath.remove(name);
                        if (done.add(name)) {
                            out.add(check(op));
                        }
                    }
                }
            }
            return out;
        }

        private static List<String> dependencies(SameDiffOp op, Map<String, Variable> vars) {
            List<String> deps = new ArrayList<>();
            List<String> names = new ArrayList<>();
            if (op.getInputsToOp() != null) {
                names.addAll(op.getInputsToOp());
            }
            if (op.getControlDeps() != null) {
                names.addAll(op.getControlDeps());
            }
            for (String n : names) {
                Variable v = vars.get(n);
                if (v != null && v.getOutputOfOp() != null && !deps.contains(v.getOutputOfOp())) {
                    deps.add(v.getOutputOfOp());
                }
            }
            return deps;
        }

        private static Step check(SameDiffOp op) {
            DifferentialFunction fn = op.getOp();
            boolean ok = fn instanceof Identity
                    || (fn instanceof DynamicCustomOp && !(fn instanceof org.nd4j.linalg.api.ops.impl.transforms.any.Assign)
                            && !(fn instanceof org.nd4j.linalg.api.ops.impl.shape.CreateView)
                            && !(fn instanceof org.nd4j.linalg.api.ops.impl.shape.tensorops.BaseTensorOp)
                            && !(fn instanceof org.nd4j.linalg.api.ops.impl.controlflow.compat.BaseCompatOp)
                            && !(fn instanceof org.nd4j.linalg.api.ops.custom.Invoke))
                    || (fn instanceof Op && !(fn instanceof CustomOp));
            if (!ok) {
                throw new IllegalStateException("the compiled training step cannot run op '" + op.getName() + "' ("
                        + fn.getClass().getSimpleName() + "); train this graph with fit()");
            }
            return new Step(op);
        }

        boolean accepts(Map<String, INDArray> placeholders) {
            if (!placeholders.keySet().equals(placeholderShapes.keySet())) {
                return false;
            }
            for (Map.Entry<String, INDArray> e : placeholders.entrySet()) {
                INDArray a = e.getValue();
                if (!Arrays.equals(a.shape(), placeholderShapes.get(e.getKey()))
                        || a.dataType() != placeholderArrays.get(e.getKey()).dataType()) {
                    return false;
                }
            }
            return true;
        }

        long[] arrayStats() {
            return stats.clone();
        }

        /** Array of a value that is not an op output here: variable, constant or placeholder. */
        private INDArray leaf(String name, Map<String, INDArray> placeholders) {
            SDVariable v = grad.getVariable(name);
            if (v.isPlaceHolder()) {
                INDArray a = placeholders.get(name);
                if (a == null) {
                    throw new IllegalArgumentException("no array for placeholder '" + name + "'");
                }
                return a;
            }
            if (v.isConstant() || v.getVariableType() == VariableType.VARIABLE) {
                return v.getArr();
            }
            return null;
        }

        /**
         * Runs the first step op by op, giving each output an array from the {@link ArrayPool} as its shape becomes
         * known, and keeps each op's native context. The value-to-array assignment this makes is the plan of the
         * following steps, so the first step needs no more memory than they do.
         */
        Loss firstStep(Map<String, INDArray> placeholders, List<Listener> listeners, At at, MultiDataSet batch,
                java.util.function.Consumer<INDArray> midway, Arena arena) {
            for (Map.Entry<String, INDArray> e : placeholders.entrySet()) {
                INDArray a = e.getValue();
                placeholderShapes.put(e.getKey(), a.shape());
                INDArray copy = Nd4j.createUninitializedDetached(a.dataType(), a.shape());
                copy.assign(a);
                placeholderArrays.put(e.getKey(), copy);
            }
            Map<String, String> root = roots();
            Set<String> keepRoots = new HashSet<>();
            for (String k : keep) {
                keepRoots.add(root.getOrDefault(k, k));
            }
            Map<Integer, List<String>> dying = dyingAfter(root);
            ArrayPool pool = new ArrayPool(arena);
            double[] losses = new double[lossNames.size()];
            values.clear();
            if (arena != null) {
                arenaGeneration = arena.generation;
            }
            for (int i = 0; i < steps.size(); i++) {
                if (i == splitIndex && arena != null) {
                    // what holds values across the midpoint is out of reach of plans built there (see Arena)
                    arena.busy.clear();
                    arena.busy.addAll(pool.held());
                    arenaGeneration = ++arena.generation;
                    int before = arena.buffers.size();
                    midway(i, midway);
                    for (INDArray b : arena.buffers.subList(before, arena.buffers.size())) {
                        pool.addFree(b); // the nested step's values are dead now
                    }
                } else {
                    midway(i, midway);
                }
                Step s = steps.get(i);
                INDArray[] args = inputArrays(s);
                OpContext oc;
                INDArray[] outs;
                if (s.identity) {
                    oc = Nd4j.getExecutioner().buildContext();
                    outs = new INDArray[] {args[0]};
                    values.put(s.outputs[0], args[0]);
                    oc.setInputArrays(args);
                    oc.setOutputArrays(args[0]);
                } else if (s.inputOnly != null) {
                    INDArray x = args[0];
                    INDArray dx = pool.take(LongShapeDescriptor.fromShape(x.shape(),
                            grad.getVariable(s.outputs[0]).dataType()));
                    outs = new INDArray[] {dx};
                    values.put(s.outputs[0], dx);
                    oc = s.inputOnly.bind(args[1], args[args.length - 1], dx);
                    exec(s, oc, listeners, at);
                } else {
                    oc = Nd4j.getExecutioner().buildContext();
                    bind(s, oc, args);
                    List<LongShapeDescriptor> descs = calculateShapes(s, oc);
                    outs = new INDArray[descs.size()];
                    for (int k = 0; k < outs.length; k++) {
                        INDArray a = pool.take(descs.get(k));
                        outs[k] = a;
                        values.put(s.outputs[k], a);
                        oc.setOutputArray(k, a);
                    }
                    if (s.fast != null) {
                        s.fast.bind(args, outs);
                    }
                    exec(s, oc, listeners, at);
                }
                after(s, oc, outs, losses, listeners, at, batch);
                s.ctx = oc;
                for (String r : dying.getOrDefault(i, List.of())) {
                    INDArray a = values.get(r);
                    if (a != null && !isLeaf(r) && !keepRoots.contains(r)) {
                        pool.giveBack(a);
                    }
                }
            }
            midway(steps.size(), midway);
            stats = new long[] {pool.buffers, pool.bytes, pool.peakLive};
            return new Loss(lossNames, losses);
        }

        private boolean isLeaf(String name) {
            return !grad.getVariables().containsKey(name) || grad.getVariables().get(name).getOutputOfOp() == null;
        }

        /** The arrays of an op's inputs: op outputs of this step, else variables, constants or placeholders. */
        private INDArray[] inputArrays(Step s) {
            INDArray[] args = new INDArray[s.inputs.length];
            for (int i = 0; i < args.length; i++) {
                INDArray a = values.get(s.inputs[i]);
                if (a == null) {
                    a = leaf(s.inputs[i], placeholderArrays);
                }
                if (a == null) {
                    throw new IllegalStateException("op '" + s.op.getName() + "': input '" + s.inputs[i] + "' has no value");
                }
                args[i] = a;
            }
            return args;
        }

        /** For every op output, the value whose array it is (itself, or what an identity passes through). */
        private Map<String, String> roots() {
            Map<String, String> alias = new HashMap<>();
            for (Step s : steps) {
                if (s.identity) {
                    alias.put(s.outputs[0], s.inputs[0]);
                }
            }
            Map<String, String> root = new HashMap<>();
            for (Step s : steps) {
                for (String o : s.outputs) {
                    String r = o;
                    while (alias.containsKey(r)) {
                        r = alias.get(r);
                    }
                    root.put(o, r);
                }
            }
            return root;
        }

        /**
         * For each op index, the values (roots) whose arrays are free after it: the last op that reads the value
         * or any identity of it, or the op that made it when nothing reads it (a gradient, used by the in-line
         * update right after its op).
         */
        private Map<Integer, List<String>> dyingAfter(Map<String, String> root) {
            Map<String, Integer> lastUse = new HashMap<>();
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                for (String o : s.produced) {
                    lastUse.merge(root.get(o), i, Math::max);
                }
                for (String in : s.reads) {
                    String r = root.get(in);
                    if (r != null) {
                        lastUse.merge(r, i, Math::max);
                    }
                }
            }
            Map<Integer, List<String>> dying = new HashMap<>();
            for (Map.Entry<String, Integer> e : lastUse.entrySet()) {
                dying.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
            }
            return dying;
        }

        Loss step(Map<String, INDArray> placeholders, List<Listener> listeners, At at, MultiDataSet batch,
                java.util.function.Consumer<INDArray> midway) {
            for (Map.Entry<String, INDArray> e : placeholders.entrySet()) {
                placeholderArrays.get(e.getKey()).assign(e.getValue());
            }
            double[] losses = new double[lossNames.size()];
            for (int k = 0; k < steps.size(); k++) {
                midway(k, midway);
                Step s = steps.get(k);
                INDArray[] outs = new INDArray[s.produced.length];
                for (int i = 0; i < outs.length; i++) {
                    outs[i] = values.get(s.produced[i]);
                }
                if (!s.identity) {
                    if (s.legacyAxis || s.legacyScalar) {
                        legacyArgs(s, s.ctx);
                    }
                    exec(s, s.ctx, listeners, at);
                }
                after(s, s.ctx, outs, losses, listeners, at, batch);
            }
            midway(steps.size(), midway);
            return new Loss(lossNames, losses);
        }

        private void exec(Step s, OpContext oc, List<Listener> listeners, At at) {
            for (Listener l : listeners) {
                l.preOpExecution(grad, at, s.op, oc);
            }
            if (s.inputOnly != null) {
                s.inputOnly.exec(oc);
            } else if (s.fast != null) {
                s.fast.exec();
            } else if (s.fn instanceof CustomOp) {
                Nd4j.exec((CustomOp) s.fn, oc);
            } else {
                Nd4j.exec((Op) s.fn, oc);
            }
        }

        /** Listeners, loss values and the in-line variable update, as fit()'s training session does them. */
        private void after(Step s, OpContext oc, INDArray[] outs, double[] losses, List<Listener> listeners, At at,
                MultiDataSet batch) {
            for (Listener l : listeners) {
                l.opExecution(grad, at, batch, s.op, oc, outs);
                for (int i = 0; i < outs.length; i++) {
                    l.activationAvailable(grad, at, batch, s.op, s.produced[i], outs[i]);
                }
            }
            for (int i = 0; i < s.produced.length; i++) {
                String name = s.produced[i];
                Integer li = lossIndex.get(name);
                if (li != null) {
                    INDArray a = outs[i];
                    losses[li] += a.isScalar() ? a.getDouble(0) : a.sumNumber().doubleValue();
                }
                String var = gradToVar.get(name);
                if (var != null) {
                    INDArray g = outs[i];
                    Variable v = grad.getVariables().get(var);
                    INDArray param = v.getVariable().getArr();
                    GradientUpdater<?> updater = updaters.get(var);
                    boolean onJvm = jvmAdam.update(updater, g, param, at.iteration(), at.epoch());
                    if (!onJvm) {
                        updater.applyUpdater(g, at.iteration(), at.epoch());
                    }
                    for (Listener l : listeners) {
                        l.preUpdate(grad, at, v, g);
                    }
                    if (onJvm) {
                        jvmAdam.applyTo(param, g, tc.isMinimize());
                    } else if (tc.isMinimize()) {
                        param.subi(g);
                    } else {
                        param.addi(g);
                    }
                }
            }
        }

        private void bind(Step s, OpContext oc, INDArray[] args) {
            if (s.fn instanceof DynamicCustomOp) {
                DynamicCustomOp c = (DynamicCustomOp) s.fn;
                oc.setArgs(args, c.iArgs(), c.dArgs(), c.tArgs(), c.bArgs());
            } else {
                if (args.length > 0) {
                    oc.setInputArray(0, args[0]);
                    if (args.length == 2 && !s.legacyAxis) {
                        oc.setInputArray(1, args[1]);
                    }
                }
                legacyArgs(s, oc);
            }
        }

        /** A legacy reduction's axis or a scalar op's scalar given as its second input. */
        private static void legacyArgs(Step s, OpContext oc) {
            if (s.legacyAxis) {
                INDArray axisArr = s.fn.arg(1).getArr();
                INDArray x = oc.getInputArray(0);
                if (axisArr == null) {
                    throw new IllegalStateException("op '" + s.op.getName() + "': the axis input is not a constant");
                }
                if (axisArr.isEmpty()) {
                    throw new IllegalStateException("op '" + s.op.getName() + "': empty reduction axes are not supported");
                }
                s.fn.setDimensions(Shape.normalizeAxis(x.rank(), axisArr.toIntVector()));
                ((BaseReduceOp) s.fn).setEmptyReduce(false);
            } else if (s.legacyScalar) {
                INDArray scalar = oc.getInputArray(1);
                ((ScalarOp) s.fn).setScalar(scalar);
            }
        }

        private List<LongShapeDescriptor> calculateShapes(Step s, OpContext oc) {
            List<LongShapeDescriptor> descs;
            if (s.fn instanceof DynamicCustomOp) {
                descs = ((DynamicCustomOp) s.fn).calculateOutputShape(oc);
            } else {
                descs = ((BaseOp) s.fn).calculateOutputShape(oc);
            }
            if (descs == null || descs.size() != s.outputs.length) {
                throw new IllegalStateException("op '" + s.op.getName() + "' (" + s.fn.opName() + "): "
                        + (descs == null ? "no" : descs.size()) + " output shapes for " + s.outputs.length + " outputs");
            }
            List<LongShapeDescriptor> out = new ArrayList<>(descs.size());
            for (int i = 0; i < descs.size(); i++) {
                LongShapeDescriptor d = descs.get(i);
                DataType dt = grad.getVariable(s.outputs[i]).dataType();
                out.add(d.dataType() == dt ? d : d.asDataType(dt));
            }
            return out;
        }
    }
}
