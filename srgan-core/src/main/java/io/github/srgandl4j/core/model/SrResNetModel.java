package io.github.srgandl4j.core.model;

import io.github.srgandl4j.core.nn.Parameters;
import io.github.srgandl4j.core.onnx.ValueRange;
import io.github.srgandl4j.core.runtime.EagerRelease;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The library's SRResNet/SRGAN generator with its weights, BN running statistics and provenance:
 * [0, 1] in, [-1, 1] out. The inference graph ({@link SrResNetInferenceGraph}) is built on first use.
 */
public final class SrResNetModel implements SuperResolutionModel {
    /** Model-file kind tag. */
    public static final String KIND = "srresnet";

    private final SrResNetConfig config;
    private final Parameters parameters;
    private final Provenance provenance;
    private final String name;
    private SameDiff inference;
    private boolean closed;

    /** A model from its parts; fails if the tensors do not fit the configuration. */
    public SrResNetModel(String name, SrResNetConfig config, Parameters parameters, Provenance provenance) {
        this(name, config, parameters, provenance, null);
        checkSize(config, parameters, null);
        checkTensors(parameters, SrResNet.initialise(config, 0), null);
    }

    /** Without the tensor check, for callers that made it already (it builds a full reference set of tensors). */
    private SrResNetModel(String name, SrResNetConfig config, Parameters parameters, Provenance provenance, Void checked) {
        io.github.srgandl4j.core.runtime.OmpWaitPolicyCheck.warnOnce();
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /** A freshly initialised model (deterministic for the seed). */
    public static SrResNetModel initialise(SrResNetConfig config, long seed) {
        return new SrResNetModel("srresnet", config, SrResNet.initialise(config, seed),
                Provenance.now(Map.of("init", "random, seed " + seed)));
    }

    public SrResNetConfig config() {
        return config;
    }

    /** The live parameters (trainers update them; the cached inference graph is rebuilt after {@link #invalidate()}). */
    public Parameters parameters() {
        return parameters;
    }

    /** Drops the cached inference graph after the parameters changed. */
    public synchronized void invalidate() {
        inference = null; // SameDiff has no close() in M2.1; its arrays are released with it
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int scale() {
        return config.scale();
    }

    @Override
    public ValueRange inputRange() {
        return ValueRange.ZERO_ONE;
    }

    @Override
    public ValueRange outputRange() {
        return ValueRange.MINUS_ONE_ONE;
    }

    /**
     * Head 9x9 (4 LR px), two 3x3 per block and the mid 3x3 (1 px each), upsampling 3x3 convs at
     * 2^s times LR resolution (2^-s px each), tail 9x9 at full resolution (4/scale px), rounded up.
     */
    @Override
    public int receptiveRadius() {
        double r = 4 + 2.0 * config.residualBlocks() + 1;
        for (int s = 0; s < config.upsampleStages(); s++) {
            r += 1.0 / (1 << s);
        }
        r += 4.0 / config.scale();
        return (int) Math.ceil(r);
    }

    @Override
    public synchronized INDArray forward(INDArray lr) {
        requireOpen();
        if (lr.rank() != 4 || lr.size(1) != 3) {
            throw new IllegalArgumentException("expected NCHW input with 3 channels, got " + Arrays.toString(lr.shape()));
        }
        if (inference == null) {
            inference = SameDiff.create();
            SDVariable in = inference.placeHolder("lr", DataType.FLOAT, -1, 3, -1, -1);
            SrResNetInferenceGraph.build(inference, parameters, config, in, "sr");
        }
        INDArray x = lr.dataType() == DataType.FLOAT ? lr : lr.castTo(DataType.FLOAT);
        EagerRelease.install(inference);
        return inference.output(Map.of("lr", x), "sr").get("sr");
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    /** The model as a file archive. */
    public ModelArchive toArchive() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("name", name);
        header.put("config", ModelHeaders.srResNetConfig(config));
        header.put("inputRange", ModelHeaders.range(inputRange()));
        header.put("outputRange", ModelHeaders.range(outputRange()));
        header.put("provenance", ModelHeaders.provenance(provenance));
        return new ModelArchive(KIND, header, parameters, Map.of());
    }

    @Override
    public synchronized void save(Path file) {
        requireOpen();
        ModelFiles.write(file, toArchive());
    }

    /** Loads an SRResNet model file; fails clearly if the file holds another kind or mismatched tensors. */
    public static SrResNetModel load(Path file) {
        return fromArchive(file, ModelFiles.read(file));
    }

    static SrResNetModel fromArchive(Path file, ModelArchive a) {
        if (!KIND.equals(a.kind())) {
            throw new ModelFileException(file.toAbsolutePath(), "holds a '" + a.kind() + "' model, expected '" + KIND + "'");
        }
        try {
            SrResNetConfig cfg = ModelHeaders.srResNetConfig(ModelHeaders.map(a.header(), "config"));
            checkSize(cfg, a.parameters(), file);
            checkTensors(a.parameters(), SrResNet.initialise(cfg, 0), file);
            return new SrResNetModel(String.valueOf(a.header().getOrDefault("name", KIND)), cfg, a.parameters(),
                    ModelHeaders.provenance(ModelHeaders.map(a.header(), "provenance")), null);
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw new ModelFileException(file.toAbsolutePath(), "invalid header: " + e.getMessage(), e);
        }
    }

    /**
     * Checks the configuration against the tensors present before anything is allocated for it (a
     * header claiming 100,000 blocks must not build 100,000 blocks of reference tensors).
     */
    static void checkSize(SrResNetConfig cfg, Parameters actual, Path file) {
        long blocks = actual.names().stream().filter(n -> n.matches("res\\d+/conv1/W")).count();
        String problem = null;
        long[] head = {9, 9, 3, cfg.channels()};
        if (blocks != cfg.residualBlocks()) {
            problem = "the header says " + cfg.residualBlocks() + " residual blocks, the file holds tensors for " + blocks;
        } else if (actual.contains("head/conv/W") && !Arrays.equals(actual.get("head/conv/W").shape(), head)) {
            problem = "tensor 'head/conv/W' has shape " + Arrays.toString(actual.get("head/conv/W").shape())
                    + ", the configuration needs " + Arrays.toString(head);
        } else {
            problem = countProblem(cfg.parameterCount(), actual);
        }
        fail(problem, file);
    }

    /** Null if {@code actual} holds {@code expected} trainable values, else the problem. */
    static String countProblem(long expected, Parameters actual) {
        long present = actual.count(Parameters.Role.TRAINABLE);
        return present == expected ? null : "the header's configuration needs " + expected
                + " trainable values, the file's tensors hold " + present;
    }

    /** Throws {@code problem} (if not null): a {@link ModelFileException} when {@code file} is known. */
    static void fail(String problem, Path file) {
        if (problem == null) {
            return;
        }
        if (file != null) {
            throw new ModelFileException(file.toAbsolutePath(), problem);
        }
        throw new IllegalArgumentException(problem);
    }

    /** Checks that {@code actual} has exactly the tensors (names, roles, shapes) of {@code expected}. */
    static void checkTensors(Parameters actual, Parameters expected, Path file) {
        for (String n : expected.names()) {
            String problem = null;
            if (!actual.contains(n)) {
                problem = "tensor '" + n + "' is missing";
            } else if (!Arrays.equals(actual.get(n).shape(), expected.get(n).shape())) {
                problem = "tensor '" + n + "' has shape " + Arrays.toString(actual.get(n).shape()) + ", the configuration needs "
                        + Arrays.toString(expected.get(n).shape());
            }
            if (problem != null) {
                if (file != null) {
                    throw new ModelFileException(file.toAbsolutePath(), problem);
                }
                throw new IllegalArgumentException(problem);
            }
        }
        if (actual.size() != expected.size()) {
            String extra = actual.names().stream().filter(n -> !expected.contains(n)).findFirst().orElse("?");
            String problem = "unexpected tensor '" + extra + "' for this configuration";
            if (file != null) {
                throw new ModelFileException(file.toAbsolutePath(), problem);
            }
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * Drops the inference graph; afterwards {@link #forward} and {@link #save} throw
     * {@link IllegalStateException}. The parameter arrays are not closed: a trainer or another model
     * may share them ({@link #parameters()}); they are freed when unreachable. Idempotent.
     */
    @Override
    public synchronized void close() {
        invalidate();
        closed = true;
    }

    /** True after {@link #close()}. */
    public synchronized boolean isClosed() {
        return closed;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("model '" + name + "' is closed");
        }
    }
}
