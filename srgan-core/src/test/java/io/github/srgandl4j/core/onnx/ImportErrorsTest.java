package io.github.srgandl4j.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Bad files and unsupported graphs fail with messages naming the file, node and op. */
class ImportErrorsTest {
    @TempDir
    Path dir;

    @Test
    void unsupportedOpNamesOpNodeModelAndSupportedList() throws Exception {
        Path file = dir.resolve("gather.onnx");
        Files.write(file, TestModels.opset(11).input("x", 3).initializer("i", Nd4j.createFromArray(0L))
                .node("Gather", "Gather_12", new String[] {"x", "i"}, new String[] {"y"}).output("y").build().toByteArray());
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> new OnnxGeneratorImporter().importFile(file));
        String expectedStart = "unsupported ONNX op 'Gather' in node 'Gather_12' of model " + file.toAbsolutePath()
                + " (supported: Add, BatchNormalization, Clip, Concat, Constant, Conv, ConvTranspose, DepthToSpace, Div, Identity,"
                + " LeakyRelu, Mul, PRelu, Relu, Resize, Sigmoid, Sub, Tanh, Upsample)";
        assertEquals(expectedStart, e.getMessage());
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nope.onnx");
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> new OnnxGeneratorImporter().importFile(file));
        assertTrue(e.getMessage().contains("not found") && e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
    }

    @Test
    void corruptFiles() throws Exception {
        Path text = dir.resolve("text.onnx");
        Files.writeString(text, "this is not a protobuf model\n");
        OnnxImportException a = assertThrows(OnnxImportException.class, () -> new OnnxGeneratorImporter().importFile(text));
        assertTrue(a.getMessage().contains("not an ONNX model") && a.getMessage().contains(text.toAbsolutePath().toString()),
                a.getMessage());
        Path truncated = dir.resolve("truncated.onnx");
        byte[] whole = TestModels.opset(11).input("x", 3).initializer("w", Nd4j.rand(DataType.FLOAT, 3, 3, 3, 3))
                .node("Conv", "c", new String[] {"x", "w"}, new String[] {"y"}).output("y").build().toByteArray();
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        OnnxImportException b = assertThrows(OnnxImportException.class, () -> new OnnxGeneratorImporter().importFile(truncated));
        assertTrue(b.getMessage().contains("not an ONNX model") && b.getMessage().contains("truncated.onnx"), b.getMessage());
    }

    @Test
    void twoInputsAreRejected() {
        var model = TestModels.opset(11).input("a", 3).input("b", 3)
                .node("Add", "add", new String[] {"a", "b"}, new String[] {"y"}).output("y").build();
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> TestModels.load(model));
        assertTrue(e.getMessage().contains("2 inputs [a, b]"), e.getMessage());
    }

    @Test
    void danglingInputIsNamed() {
        var model = TestModels.opset(11).input("x", 3)
                .node("Add", "add", new String[] {"x", "ghost"}, new String[] {"y"}).output("y").build();
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> TestModels.load(model));
        assertTrue(e.getMessage().contains("'add'") && e.getMessage().contains("'ghost'"), e.getMessage());
    }

    @Test
    void runtimeConvWeightsAreRejected() {
        var model = TestModels.opset(11).input("x", 3).node("Relu", "x", "w")
                .node("Conv", "conv_dyn", new String[] {"x", "w"}, new String[] {"y"}).output("y").build();
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> TestModels.load(model));
        assertTrue(e.getMessage().contains("conv_dyn") && e.getMessage().contains("initializer or Constant"), e.getMessage());
    }

    @Test
    void nodesOutOfOrderAreSorted() {
        // ONNX requires topological order, but some tools write nodes in any order
        var model = TestModels.opset(11).input("x", 3)
                .node("Relu", "second", new String[] {"t"}, new String[] {"y"})
                .node("Neg", "never", new String[] {}, new String[] {}).build();
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> TestModels.load(model));
        assertTrue(e.getMessage().contains("'Neg'"), e.getMessage());
        var ok = TestModels.opset(11).input("x", 3)
                .node("Relu", "second", new String[] {"t"}, new String[] {"y"})
                .node("Sigmoid", "first", new String[] {"x"}, new String[] {"t"}).output("y").build();
        var x = Nd4j.rand(DataType.FLOAT, 1, 3, 2, 2);
        assertTrue(OnnxTestData.maxAbsDiff(TestModels.run(ok, x), org.nd4j.linalg.ops.transforms.Transforms.sigmoid(x, true)) < 1e-6);
    }
}
