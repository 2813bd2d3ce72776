package io.github.srgandl4j.onnxruntime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.srgandl4j.core.export.OnnxExport;
import io.github.srgandl4j.core.model.OnnxGeneratorModel;
import io.github.srgandl4j.core.model.Provenance;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.onnx.ValueRange;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A super-resolution model run by ONNX Runtime instead of SameDiff, behind the same
 * {@link SuperResolutionModel} interface (so the {@code Upscaler}, tiling and CLI work unchanged).
 *
 * <p>Built from a model the library has loaded: the library's SRResNet/SRGAN generators are exported
 * in memory ({@link OnnxExport}: [0, 1] in and out), an imported ONNX generator is handed to ONNX Runtime
 * as the original file with its stated value ranges. Scale, receptive radius (for tiling), value ranges,
 * name and provenance are those of the source model, which stays open for {@link #save} and is closed
 * with this one.
 *
 * <pre>{@code
 * try (SuperResolutionModel m = OrtGeneratorModel.builder().setModel(Models.load("default")).optThreads(2).build()) {
 *     INDArray sr = m.forward(lr);
 * }
 * }</pre>
 */
public final class OrtGeneratorModel implements SuperResolutionModel {
    private static final Logger LOG = LoggerFactory.getLogger(OrtGeneratorModel.class);

    private final SuperResolutionModel source;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final long fixedBatch;
    private boolean closed;
    private final ValueRange inputRange;
    private final ValueRange outputRange;

    private OrtGeneratorModel(SuperResolutionModel source, byte[] onnx, ValueRange inputRange, ValueRange outputRange,
            int threads) {
        this.source = source;
        this.inputRange = inputRange;
        this.outputRange = outputRange;
        this.env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            if (threads > 0) {
                opts.setIntraOpNumThreads(threads);
            }
            opts.setInterOpNumThreads(1);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = env.createSession(onnx, opts);
            if (session.getNumInputs() != 1 || session.getNumOutputs() != 1) {
                session.close();
                throw new IllegalArgumentException("model '" + source.name() + "' has " + session.getNumInputs()
                        + " inputs and " + session.getNumOutputs() + " outputs in ONNX Runtime, expected one each");
            }
            this.inputName = session.getInputNames().iterator().next();
            long[] declared = ((ai.onnxruntime.TensorInfo) session.getInputInfo().get(inputName).getInfo()).getShape();
            this.fixedBatch = declared.length == 4 ? declared[0] : -1;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load model '" + source.name() + "': " + e.getMessage(), e);
        }
        LOG.debug("ONNX Runtime session for {} ({} threads, input {})", source.name(), threads, inputName);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The model ONNX Runtime was built from. */
    public SuperResolutionModel source() {
        return source;
    }

    /** The ONNX Runtime session's inputs (name and type). */
    public Map<String, NodeInfo> inputInfo() {
        try {
            return session.getInputInfo();
        } catch (OrtException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public int scale() {
        return source.scale();
    }

    @Override
    public ValueRange inputRange() {
        return inputRange;
    }

    @Override
    public ValueRange outputRange() {
        return outputRange;
    }

    @Override
    public int receptiveRadius() {
        return source.receptiveRadius();
    }

    /**
     * Runs ONNX Runtime on [N, 3, H, W] in {@link #inputRange()}; returns a new [N, 3, H*s, W*s] array. A
     * file that declares a fixed batch size of 1 (PyTorch exports often do) is run image by image.
     */
    @Override
    public synchronized INDArray forward(INDArray lr) {
        if (closed) {
            throw new IllegalStateException("model '" + name() + "' is closed");
        }
        if (lr.rank() != 4 || lr.size(1) != 3) {
            throw new IllegalArgumentException("expected NCHW input with 3 channels, got " + Arrays.toString(lr.shape()));
        }
        if (fixedBatch == 1 && lr.size(0) != 1) {
            INDArray[] parts = new INDArray[(int) lr.size(0)];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = run(lr.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 1)));
            }
            return Nd4j.concat(0, parts);
        }
        return run(lr);
    }

    private INDArray run(INDArray lr) {
        INDArray x = lr.dataType() == DataType.FLOAT && lr.ordering() == 'c' && !lr.isView() ? lr : lr.castTo(DataType.FLOAT).dup('c');
        FloatBuffer in = x.data().asNioFloat();
        try (OnnxTensor t = OnnxTensor.createTensor(env, in, lr.shape());
                OrtSession.Result r = session.run(Map.of(inputName, t))) {
            OnnxTensor out = (OnnxTensor) r.get(0);
            long[] shape = out.getInfo().getShape();
            FloatBuffer fb = out.getFloatBuffer();
            INDArray y = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
            y.data().asNioFloat().put(fb);
            return y;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on model '" + name() + "' for input "
                    + Arrays.toString(lr.shape()) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Provenance provenance() {
        return source.provenance();
    }

    /** Saves the source model as a library model file. */
    @Override
    public void save(Path file) {
        source.save(file);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("closing the ONNX Runtime session of {}: {}", name(), e.getMessage());
        } finally {
            source.close();
        }
    }

    /** DJL-style builder. */
    public static final class Builder {
        private SuperResolutionModel model;
        private int threads;

        private Builder() {}

        /**
         * The model to run (taken over: closed with the result): an {@link SrResNetModel} (built-in or
         * model file) or an {@link OnnxGeneratorModel} (an imported ONNX file).
         */
        public Builder setModel(SuperResolutionModel model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Intra-op threads of the session (default: ONNX Runtime's choice, the number of physical cores). */
        public Builder optThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        public OrtGeneratorModel build() {
            Objects.requireNonNull(model, "setModel is required");
            if (model instanceof SrResNetModel m) {
                byte[] onnx = OnnxExport.builder().setModel(m).build().toBytes();
                return new OrtGeneratorModel(m, onnx, ValueRange.ZERO_ONE, ValueRange.ZERO_ONE, threads);
            }
            if (model instanceof OnnxGeneratorModel m) {
                return new OrtGeneratorModel(m, m.onnxBytes(), m.inputRange(), m.outputRange(), threads);
            }
            throw new IllegalArgumentException("ONNX Runtime can run the library's SRResNet/SRGAN generators and"
                    + " imported ONNX generators; '" + model.name() + "' is a " + model.getClass().getSimpleName());
        }
    }
}
