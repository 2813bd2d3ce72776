package io.github.srgandl4j.core.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.srgandl4j.core.model.Models;
import io.github.srgandl4j.core.model.DiscriminatorConfig;
import io.github.srgandl4j.core.model.DiscriminatorModel;
import io.github.srgandl4j.core.model.Discriminator;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.nn.GraphContext;
import io.github.srgandl4j.core.nn.Parameters;
import io.github.srgandl4j.core.nn.Phase;
import io.github.srgandl4j.core.onnx.ImportedOnnxModel;
import io.github.srgandl4j.core.onnx.OnnxGeneratorImporter;
import io.github.srgandl4j.core.testing.SharedData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import onnx.Onnx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exported generator run by ONNX Runtime (an independent implementation of every op) against
 * our own forward pass, and imported back through our importer.
 */
class OnnxExportTest {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxExportTest.class);
    private static SuperResolutionModel model;
    private static byte[] onnx;

    @BeforeAll
    static void export() {
        model = Models.load("default");
        onnx = OnnxExport.builder().setModel(model).build().toBytes();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** Our forward pass mapped from the model's output range to [0, 1]. */
    private static INDArray ours(INDArray lr01) {
        INDArray y = model.forward(lr01);
        double min = model.outputRange().min();
        double max = model.outputRange().max();
        return y.sub(min).divi(max - min);
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        assertArrayEquals(a.shape(), b.shape());
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    @Test
    void onnxRuntimeMatchesOurForwardPassOnSet5() throws Exception {
        Path dir = SharedData.require("data/benchmarks/Set5/LR_bicubic_x4");
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(f -> f.toString().endsWith(".png")).sorted().forEach(files::add);
        }
        assertEquals(5, files.size(), "Set5 LR images in " + dir);
        try (OrtRunner ort = new OrtRunner(onnx)) {
            for (Path f : files) {
                INDArray lr = rgb01(f);
                INDArray expected = ours(lr);
                INDArray actual = ort.run("lr", lr);
                assertArrayEquals(new long[] {1, 3, lr.size(2) * 4, lr.size(3) * 4}, actual.shape());
                double d = maxAbsDiff(expected, actual);
                LOG.info("Set5 {} {}x{}: max |ORT - ours| = {}", f.getFileName(), lr.size(3), lr.size(2), d);
                assertTrue(d <= 1e-4, f.getFileName() + ": max abs difference " + d);
                // the output spans the [0, 1] scale (so the bound above is not trivially met)
                assertTrue(actual.minNumber().doubleValue() < 0.1 && actual.maxNumber().doubleValue() > 0.9);
            }
        }
    }

    @Test
    void dynamicBatchHeightAndWidth() throws Exception {
        INDArray lr = Nd4j.rand(DataType.FLOAT, 2, 3, 13, 21);
        try (OrtRunner ort = new OrtRunner(onnx)) {
            INDArray actual = ort.run("lr", lr);
            assertArrayEquals(new long[] {2, 3, 52, 84}, actual.shape());
            double d = maxAbsDiff(ours(lr), actual);
            LOG.info("2x3x13x21: max |ORT - ours| = {}", d);
            assertTrue(d <= 1e-4, "max abs difference " + d);
            // declared dynamic in the file: batch, height and width are symbolic (-1), channels 3
            OrtSession s = ort.session();
            NodeInfo in = s.getInputInfo().get("lr");
            assertArrayEquals(new long[] {-1, 3, -1, -1}, ((TensorInfo) in.getInfo()).getShape());
            assertArrayEquals(new long[] {-1, 3, -1, -1}, ((TensorInfo) s.getOutputInfo().get("sr").getInfo()).getShape());
        }
    }

    @Test
    void importsBackThroughOurImporterWithTheSameOutput() {
        INDArray lr = Nd4j.rand(DataType.FLOAT, 1, 3, 17, 11);
        ImportedOnnxModel m = new OnnxGeneratorImporter().importBytes(onnx, "exported default");
        assertEquals(4, m.scale());
        assertEquals(model.receptiveRadius(), m.receptiveRadius());
        double d = maxAbsDiff(ours(lr), m.forward(lr));
        LOG.info("re-imported: max |ours(imported) - ours| = {}", d);
        assertTrue(d <= 1e-4, "max abs difference " + d);
        assertEquals(13, m.opsetVersion());
    }

    @Test
    void provenanceAndDescriptionInTheFile() throws Exception {
        Onnx.ModelProto p = Onnx.ModelProto.parseFrom(onnx);
        assertEquals("srgan-dl4j", p.getProducerName());
        assertEquals(13, p.getOpsetImport(0).getVersion());
        assertFalse(p.getGraph().getNodeList().stream().anyMatch(n -> n.getOpType().equals("BatchNormalization")),
                "BN folded");
        try (OrtRunner ort = new OrtRunner(onnx)) {
            Map<String, String> meta = ort.session().getMetadata().getCustomMetadata();
            assertEquals("generator", meta.get("srgan.kind"));
            assertEquals("4", meta.get("srgan.scale"));
            assertEquals("0,1", meta.get("srgan.input_range"));
            assertEquals("0,1", meta.get("srgan.output_range"));
            assertEquals("-1,1", meta.get("srgan.model_output_range"));
            assertEquals(model.provenance().createdAt(), meta.get("srgan.provenance.created_at"));
            model.provenance().details().forEach((k, v) -> assertEquals(v, meta.get("srgan.provenance." + k), k));
            assertEquals("srgan-dl4j", ort.session().getMetadata().getProducerName());
        }
    }

    @Test
    void higherOpsetOnARandomX2ModelWithBatchNormStatistics() throws Exception {
        try (SrResNetModel m = SrResNetModel.initialise(SrResNetConfig.of(2, 2, 16), 7)) {
            perturbBatchNorm(m.parameters());
            byte[] bytes = OnnxExport.builder().setModel(m).optOpsetVersion(17).build().toBytes();
            INDArray lr = Nd4j.rand(DataType.FLOAT, 1, 3, 9, 14);
            INDArray expected = m.forward(lr).addi(1).divi(2);
            try (OrtRunner ort = new OrtRunner(bytes)) {
                INDArray actual = ort.run("lr", lr);
                assertArrayEquals(new long[] {1, 3, 18, 28}, actual.shape());
                assertTrue(maxAbsDiff(expected, actual) <= 1e-5, "x2 opset 17: " + maxAbsDiff(expected, actual));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> OnnxExport.builder().optOpsetVersion(12));
    }

    @Test
    void writesAtomically(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("g.onnx");
        OnnxExport.builder().setModel(model).build().write(file);
        assertArrayEquals(Onnx.ModelProto.parseFrom(onnx).getGraph().toByteArray(),
                Onnx.ModelProto.parseFrom(Files.readAllBytes(file)).getGraph().toByteArray());
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count(), "no temporary file left");
        }
    }

    @Test
    void discriminatorMatchesOurGraphInInferenceMode() throws Exception {
        assertDiscriminatorExportMatches(DiscriminatorConfig.of(32, 8));
    }

    /**
     * The campaign's variant: no BN, every weight spectrally normalised (the graph divides by v^T W u from the stored
     * vectors, the export must too), global average pooling before the dense layer.
     */
    @Test
    void spectralNormGlobalAverageDiscriminatorMatchesOurGraph() throws Exception {
        assertDiscriminatorExportMatches(DiscriminatorConfig.of(32, 8).withVariant(false, true,
                DiscriminatorConfig.Head.GLOBAL_AVERAGE));
        assertDiscriminatorExportMatches(DiscriminatorConfig.of(32, 8).withVariant(true, true,
                DiscriminatorConfig.Head.FLATTEN));
    }

    @Test
    void refusesAPatchDiscriminator() {
        DiscriminatorModel d = DiscriminatorModel.initialise(DiscriminatorConfig.of(32, 8).withVariant(false, true,
                DiscriminatorConfig.Head.PATCH), 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxExport.builder().setDiscriminator(d));
        assertTrue(e.getMessage().contains("patch head"), e.getMessage());
    }

    private static void assertDiscriminatorExportMatches(DiscriminatorConfig cfg) throws Exception {
        DiscriminatorModel d = DiscriminatorModel.initialise(cfg, 5);
        perturbBatchNorm(d.parameters());
        INDArray images01 = Nd4j.rand(DataType.FLOAT, 3, 3, 32, 32);
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("x", DataType.FLOAT, -1, 3, 32, 32);
        Discriminator.build(new GraphContext(sd, d.parameters(), Phase.INFERENCE, GraphContext.Binding.CONSTANTS), cfg, in,
                "logit");
        INDArray expected = sd.output(Map.of("x", images01.mul(2).subi(1)), "logit").get("logit");
        byte[] bytes = OnnxExport.builder().setDiscriminator(d).build().toBytes();
        try (OrtRunner ort = new OrtRunner(bytes)) {
            INDArray actual = ort.run("image", images01);
            assertArrayEquals(new long[] {3, 1}, actual.shape());
            double diff = maxAbsDiff(expected, actual);
            LOG.info("discriminator logits {} vs ours {}: max diff {}", actual, expected, diff);
            assertTrue(diff <= 1e-4 * Math.max(1, expected.amaxNumber().doubleValue()), "max abs difference " + diff);
        }
    }

    @Test
    void refusesAnImportedOnnxModel() {
        Path f = SharedData.require("models/pretrained/srgan_x4_leftthomas.onnx");
        try (SuperResolutionModel m = io.github.srgandl4j.core.model.Models.load(f)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxExport.builder().setModel(m));
            assertTrue(e.getMessage().contains("imported ONNX"), e.getMessage());
        }
    }

    /** Running statistics and BN affine parameters away from their defaults, so that folding them matters. */
    static void perturbBatchNorm(Parameters p) {
        for (String n : p.names()) {
            if (n.endsWith("/running_mean") || n.endsWith("/beta")) {
                p.assign(n, Nd4j.rand(DataType.FLOAT, p.get(n).shape()).subi(0.5).muli(0.2));
            } else if (n.endsWith("/running_var") || n.endsWith("/gamma")) {
                p.assign(n, Nd4j.rand(DataType.FLOAT, p.get(n).shape()).muli(0.5).addi(0.75));
            }
        }
    }

    /** An RGB PNG as [1, 3, H, W] floats in [0, 1] (value / 255), read with ImageIO. */
    static INDArray rgb01(Path file) throws java.io.IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        int w = img.getWidth();
        int h = img.getHeight();
        INDArray x = Nd4j.create(DataType.FLOAT, 1, 3, h, w);
        for (int y = 0; y < h; y++) {
            for (int xx = 0; xx < w; xx++) {
                int rgb = img.getRGB(xx, y);
                x.putScalar(new long[] {0, 0, y, xx}, ((rgb >> 16) & 255) / 255.0);
                x.putScalar(new long[] {0, 1, y, xx}, ((rgb >> 8) & 255) / 255.0);
                x.putScalar(new long[] {0, 2, y, xx}, (rgb & 255) / 255.0);
            }
        }
        return x;
    }
}
