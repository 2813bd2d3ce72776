package io.github.srgandl4j.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Value ranges and constants-vs-variables. */
class ImportOptionsTest {

    private static onnx.Onnx.ModelProto convPixelShuffle() {
        return TestModels.opset(11).input("lr", 3)
                .initializer("w", Nd4j.rand(DataType.FLOAT, 12, 3, 3, 3).subi(0.5))
                .initializer("b", Nd4j.rand(DataType.FLOAT, 12))
                .initializer("onnx::PRelu_1", Nd4j.createFromArray(new float[] {0.2f}).reshape(1, 1, 1))
                .node("Conv", "conv", new String[] {"lr", "w", "b"}, new String[] {"c"}, TestModels.ints("pads", 1, 1, 1, 1))
                .node("DepthToSpace", "ps", new String[] {"c"}, new String[] {"d"}, TestModels.intAttr("blocksize", 2),
                        TestModels.stringAttr("mode", "CRD"))
                .node("PRelu", "act", new String[] {"d", "onnx::PRelu_1"}, new String[] {"sr"})
                .output("sr").build();
    }

    private static long count(ImportedOnnxModel m, VariableType type) {
        return m.graph().variables().stream().filter(v -> v.getVariableType() == type).count();
    }

    @Test
    void constantsByDefaultVariablesWhenTrainableSameOutput() {
        onnx.Onnx.ModelProto model = convPixelShuffle();
        ImportedOnnxModel frozen = new OnnxGeneratorImporter().importModel(model, "m");
        ImportedOnnxModel trainable = new OnnxGeneratorImporter(OnnxImportOptions.builder().trainable(true).build())
                .importModel(model, "m");
        assertEquals(0, count(frozen, VariableType.VARIABLE));
        assertEquals(3, count(trainable, VariableType.VARIABLE)); // kernel, bias, slope
        long params = trainable.graph().variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE)
                .mapToLong(v -> v.getArr().length()).sum();
        assertEquals(12 * 3 * 3 * 3 + 12 + 1, params);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, 5, 6);
        assertEquals(0.0, OnnxTestData.maxAbsDiff(frozen.forward(x), trainable.forward(x)), 1e-6);
        assertEquals(2, frozen.scale());
        assertEquals(3, frozen.outputChannels());
        // the sanitised slope name is a SameDiff name without ':'
        assertTrue(trainable.graph().variables().stream().map(SDVariable::name).anyMatch(n -> n.equals("onnx__PRelu_1")));
    }

    @Test
    void trainableWeightsGetGradientsMatchingFiniteDifferences() {
        onnx.Onnx.ModelProto model = convPixelShuffle();
        ImportedOnnxModel m = new OnnxGeneratorImporter(OnnxImportOptions.builder().trainable(true).build())
                .importModel(model, "m");
        org.nd4j.autodiff.samediff.SameDiff sd = m.graph();
        SDVariable loss = sd.sum("loss", sd.getVariable(m.outputName()).mul(sd.getVariable(m.outputName())));
        sd.setLossVariables(loss);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, 4, 4);
        java.util.Map<String, INDArray> ph = java.util.Map.of(m.inputName(), x);
        java.util.List<String> weights = sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE)
                .map(SDVariable::name).toList();
        java.util.Map<String, INDArray> grads = sd.calculateGradients(ph, weights);
        double eps = 1e-2;
        for (String w : weights) {
            INDArray arr = sd.getVariable(w).getArr();
            long idx = arr.length() / 2;
            double orig = arr.getDouble(idx);
            arr.putScalar(idx, orig + eps);
            double up = sd.output(ph, "loss").get("loss").getDouble(0);
            arr.putScalar(idx, orig - eps);
            double down = sd.output(ph, "loss").get("loss").getDouble(0);
            arr.putScalar(idx, orig);
            double numeric = (up - down) / (2 * eps);
            double analytic = grads.get(w).getDouble(idx);
            assertEquals(numeric, analytic, 2e-2 * Math.max(1, Math.abs(numeric)), "gradient of " + w);
        }
    }

    @Test
    void valueRangesAreRecorded() {
        ImportedOnnxModel m = new OnnxGeneratorImporter(OnnxImportOptions.builder()
                .inputRange(ValueRange.ZERO_ONE).outputRange(ValueRange.parse("-1,1")).build())
                .importModel(convPixelShuffle(), "m");
        assertEquals(new ValueRange(0, 1), m.inputRange());
        assertEquals(ValueRange.MINUS_ONE_ONE, m.outputRange());
        assertEquals(0.0, m.outputRange().fromUnit(0.5), 0.0);
        assertEquals(0.75, m.outputRange().toUnit(0.5), 0.0);
    }

    @Test
    void valueRangeParsingErrors() {
        assertThrows(IllegalArgumentException.class, () -> ValueRange.parse("1"));
        assertThrows(IllegalArgumentException.class, () -> ValueRange.parse("a,b"));
        assertThrows(IllegalArgumentException.class, () -> ValueRange.parse("1,0"));
        assertEquals(new ValueRange(-0.5, 2), ValueRange.parse(" -0.5 , 2 "));
    }

    @Test
    void inputChannelCheck() {
        ImportedOnnxModel m = new OnnxGeneratorImporter().importModel(convPixelShuffle(), "m");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(Nd4j.rand(DataType.FLOAT, 1, 1, 4, 4)));
        assertTrue(e.getMessage().contains("3 channels"), e.getMessage());
    }
}
