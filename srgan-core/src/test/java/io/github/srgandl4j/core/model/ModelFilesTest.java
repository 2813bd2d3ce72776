package io.github.srgandl4j.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.nn.GraphContext;
import io.github.srgandl4j.core.nn.Parameters;
import io.github.srgandl4j.core.nn.Phase;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelFilesTest {
    @TempDir
    Path dir;

    private static SrResNetModel smallGenerator() {
        SrResNetConfig cfg = SrResNetConfig.of(4, 2, 8);
        Parameters p = SrResNet.initialise(cfg, 42);
        Nd4j.getRandom().setSeed(1);
        p.get("res1/bn2/running_mean").assign(Nd4j.rand(DataType.FLOAT, 8));
        p.get("res1/bn2/running_var").assign(Nd4j.rand(DataType.FLOAT, 8).addi(0.5));
        return new SrResNetModel("test-gen", cfg, p, Provenance.now(Map.of("data", "synthetic", "steps", "0")));
    }

    @Test
    void generatorRoundTripIsBitExactAndGivesIdenticalOutputs() throws IOException {
        SrResNetModel m = smallGenerator();
        Path f = dir.resolve("g.srgan");
        m.save(f);
        SrResNetModel back = SrResNetModel.load(f);
        assertEquals(m.config(), back.config());
        assertEquals(m.provenance(), back.provenance());
        assertEquals("test-gen", back.name());
        for (String n : m.parameters().names()) {
            assertArrayEquals(m.parameters().get(n).data().asFloat(), back.parameters().get(n).data().asFloat(), 0f, n);
            assertEquals(m.parameters().role(n), back.parameters().role(n));
        }
        INDArray lr = Nd4j.rand(DataType.FLOAT, 1, 3, 9, 7);
        assertArrayEquals(m.forward(lr).data().asFloat(), back.forward(lr).data().asFloat(), 0f);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void discriminatorRoundTripGivesIdenticalLogits() {
        DiscriminatorModel d = DiscriminatorModel.initialise(DiscriminatorConfig.of(16, 4), 3);
        Path f = dir.resolve("d.srgan");
        d.save(f);
        DiscriminatorModel back = DiscriminatorModel.load(f);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 16, 16);
        assertArrayEquals(logits(d, x).data().asFloat(), logits(back, x).data().asFloat(), 0f);
    }

    private static INDArray logits(DiscriminatorModel d, INDArray x) {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("x", DataType.FLOAT, -1, 3, 16, 16);
        Discriminator.build(new GraphContext(sd, d.parameters(), Phase.INFERENCE, GraphContext.Binding.CONSTANTS),
                d.config(), in, "logit");
        return sd.output(Map.of("x", x), "logit").get("logit");
    }

    @Test
    void truncatedFileFailsNamingTheFile() throws IOException {
        Path f = dir.resolve("g.srgan");
        smallGenerator().save(f);
        byte[] all = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.srgan");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        ModelFileException e = assertThrows(ModelFileException.class, () -> SrResNetModel.load(cut));
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated or corrupt") || e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void flippedByteInTensorDataIsDetected() throws IOException {
        Path f = dir.resolve("g.srgan");
        smallGenerator().save(f);
        byte[] all = Files.readAllBytes(f);
        all[all.length / 2] ^= 0x5A;
        Path bad = dir.resolve("bad.srgan");
        Files.write(bad, all);
        ModelFileException e = assertThrows(ModelFileException.class, () -> SrResNetModel.load(bad));
        assertTrue(e.getMessage().startsWith("model file " + bad), e.getMessage());
    }

    @Test
    void notAModelAndMissingFileAreNamed() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");
        assertTrue(assertThrows(ModelFileException.class, () -> SrResNetModel.load(text)).getMessage()
                .contains("not a srgan-dl4j model file"));
        Path none = dir.resolve("none.srgan");
        assertTrue(assertThrows(ModelFileException.class, () -> SrResNetModel.load(none)).getMessage()
                .endsWith("does not exist"));
    }

    @Test
    void mismatchedKindAndShapesAreRefused() throws IOException {
        Path d = dir.resolve("d.srgan");
        DiscriminatorModel.initialise(DiscriminatorConfig.of(16, 4), 3).save(d);
        ModelFileException kind = assertThrows(ModelFileException.class, () -> SrResNetModel.load(d));
        assertTrue(kind.getMessage().contains("holds a 'discriminator' model, expected 'srresnet'"), kind.getMessage());

        // a header that claims 16 channels over tensors made for 8
        SrResNetModel m = smallGenerator();
        ModelArchive a = m.toArchive();
        Map<String, Object> header = new java.util.LinkedHashMap<>(a.header());
        header.put("config", ModelHeaders.srResNetConfig(SrResNetConfig.of(4, 2, 16)));
        Path lying = dir.resolve("lying.srgan");
        ModelFiles.write(lying, new ModelArchive(a.kind(), header, a.parameters(), a.blobs()));
        ModelFileException shape = assertThrows(ModelFileException.class, () -> SrResNetModel.load(lying));
        assertTrue(shape.getMessage().contains("tensor 'head/conv/W' has shape [9, 9, 3, 8], the configuration needs [9, 9, 3, 16]"),
                shape.getMessage());
    }

    @Test
    void wrongTensorLengthAndNewerFormatAreRefused() throws IOException {
        Path f = dir.resolve("hand.srgan");
        try (OutputStream os = Files.newOutputStream(f); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry("model.json"));
            zip.write(("{\"format\":\"srgan-dl4j-model\",\"formatVersion\":1,\"kind\":\"srresnet\",\"header\":{},"
                    + "\"tensors\":[{\"name\":\"a\",\"role\":\"TRAINABLE\",\"shape\":[2,3],\"entry\":\"tensors/0\"}]}")
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("tensors/0"));
            zip.write(new byte[20]);
        }
        assertTrue(assertThrows(ModelFileException.class, () -> ModelFiles.read(f)).getMessage()
                .contains("tensor 'a' has 20 bytes, expected 24 for shape [2, 3]"));
        Path g = dir.resolve("future.srgan");
        try (OutputStream os = Files.newOutputStream(g); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry("model.json"));
            zip.write("{\"format\":\"srgan-dl4j-model\",\"formatVersion\":99,\"kind\":\"srresnet\"}".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(assertThrows(ModelFileException.class, () -> ModelFiles.read(g)).getMessage()
                .contains("format version 99 is not supported"));
    }

    @Test
    void failedWriteLeavesNoFileBehind() throws IOException {
        Parameters p = new Parameters();
        p.add("d", Parameters.Role.TRAINABLE, Nd4j.rand(DataType.DOUBLE, 2)); // model files hold FLOAT only
        Path f = dir.resolve("x.srgan");
        assertThrows(ModelFileException.class, () -> ModelFiles.write(f, new ModelArchive("srresnet", Map.of(), p, Map.of())));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "neither the target nor a temporary file may remain");
        }
    }
}
