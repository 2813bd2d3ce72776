package io.github.srgandl4j.core.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Runs an ONNX file in ONNX Runtime (the independent check of the export). */
final class OrtRunner implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    OrtRunner(byte[] onnx) throws OrtException {
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(2);
            opts.setInterOpNumThreads(1);
            session = env.createSession(onnx, opts);
        }
    }

    OrtSession session() {
        return session;
    }

    /** The model's single output for {@code x} (float32, C order) as an INDArray. */
    INDArray run(String inputName, INDArray x) throws OrtException {
        float[] data = x.castTo(DataType.FLOAT).dup('c').reshape(x.length()).toFloatVector();
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), x.shape());
                OrtSession.Result r = session.run(Map.of(inputName, in))) {
            OnnxTensor out = (OnnxTensor) r.get(0);
            FloatBuffer fb = out.getFloatBuffer();
            float[] v = new float[fb.remaining()];
            fb.get(v);
            return Nd4j.create(v, out.getInfo().getShape(), 'c');
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
