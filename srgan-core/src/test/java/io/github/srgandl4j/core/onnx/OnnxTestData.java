package io.github.srgandl4j.core.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reading the shared raw float32 reference tensors. */
final class OnnxTestData {
    private OnnxTestData() {}

    /** A raw little-endian float32 file as an array of {@code shape} (C order). */
    static INDArray readF32le(Path file, long... shape) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (bytes.length != n * 4) {
            throw new IOException(file + " has " + bytes.length + " bytes, expected " + (n * 4));
        }
        float[] v = new float[(int) n];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return Nd4j.create(v, shape, 'c');
    }

    /** max |a - b| (same shapes required). */
    static double maxAbsDiff(INDArray a, INDArray b) {
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            throw new AssertionError("shape " + java.util.Arrays.toString(a.shape()) + " vs " + java.util.Arrays.toString(b.shape()));
        }
        return a.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).sub(b.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE))
                .amaxNumber().doubleValue();
    }
}
