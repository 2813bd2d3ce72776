package io.github.srgandl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.testing.SharedData;
import io.github.srgandl4j.data.io.ImageLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code srgan export} and {@code upscale --runtime onnxruntime}: the exported default model, upscaled
 * through ONNX Runtime and through our importer, gives the built-in model's image.
 */
class ExportCommandTest {
    @TempDir
    Path tmp;

    @Test
    void exportRefusesToOverwriteAndTheExportUpscalesLikeTheBuiltInModel() throws Exception {
        Path onnx = tmp.resolve("out/default_x4.onnx");
        CliRun r = CliRun.of("export", "--model", "default", "-o", onnx.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("exported srgan generator x4 (opset 13"), r.out()); // default = srgan
        Onnx.ModelProto p = Onnx.ModelProto.parseFrom(Files.readAllBytes(onnx));
        assertEquals("lr", p.getGraph().getInput(0).getName());
        assertEquals("sr", p.getGraph().getOutput(0).getName());
        long before = Files.getLastModifiedTime(onnx).toMillis();

        CliRun again = CliRun.of("export", "-o", onnx.toString());
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("exists; use --force"), again.err());
        assertEquals(before, Files.getLastModifiedTime(onnx).toMillis());
        assertEquals(0, CliRun.of("export", "--force", "--opset", "17", "-o", onnx.toString()).exit());
        assertEquals(17, Onnx.ModelProto.parseFrom(Files.readAllBytes(onnx)).getOpsetImport(0).getVersion());
        assertEquals(2, CliRun.of("export", "--opset", "12", "-o", tmp.resolve("a.onnx").toString()).exit());
        assertEquals(2, CliRun.of("export", "-o", tmp.resolve("a.png").toString()).exit());
        CliRun none = CliRun.of("export", "--model", tmp.resolve("missing.srgan").toString(), "-o", tmp.resolve("b.onnx").toString());
        assertEquals(1, none.exit());
        assertTrue(none.err().contains("missing.srgan"), none.err());

        Path lr = SharedData.require("models/pretrained/ref_set5_baby_lr_crop32_y48_x48.png");
        Path builtIn = tmp.resolve("builtin.png");
        Path ort = tmp.resolve("ort.png");
        Path imported = tmp.resolve("imported.png");
        String[] tiles = {"--tile", "16", "--tile-pad", "24"};
        assertEquals(0, CliRun.of(cat(new String[] {"upscale", "--model", "default", lr.toString(), "-o", builtIn.toString()}, tiles)).exit());
        CliRun viaOrt = CliRun.of(cat(new String[] {"upscale", "--runtime", "onnxruntime", "--model", onnx.toString(),
            lr.toString(), "-o", ort.toString()}, tiles));
        assertEquals(0, viaOrt.exit(), viaOrt.err());
        assertEquals(0, CliRun.of(cat(new String[] {"upscale", "--model", onnx.toString(), lr.toString(), "-o", imported.toString()},
                tiles)).exit());
        int[] expected = new ImageLoader().read(builtIn).toUint8();
        for (Path f : new Path[] {ort, imported}) {
            ImageData img = new ImageLoader().read(f);
            assertEquals(128, img.width());
            int[] got = img.toUint8();
            int off = 0;
            for (int i = 0; i < got.length; i++) {
                if (got[i] != expected[i]) {
                    off++;
                    assertEquals(expected[i], got[i], 1, f + " sample " + i);
                }
            }
            assertTrue(off <= 5, f + ": " + off + " samples differ by one level");
        }
        CliRun bad = CliRun.of("upscale", "--runtime", "tensorflow", lr.toString(), "-o", tmp.resolve("x.png").toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--runtime must be one of samediff, onnxruntime"), bad.err());
    }

    @Test
    void discriminatorModelFileExportsTheDiscriminator() throws Exception {
        Path d = tmp.resolve("d.srgan");
        io.github.srgandl4j.core.model.DiscriminatorModel.initialise(io.github.srgandl4j.core.model.DiscriminatorConfig.of(32, 8), 3)
                .save(d);
        Path onnx = tmp.resolve("d.onnx");
        CliRun r = CliRun.of("export", "--model", d.toString(), "-o", onnx.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("exported discriminator"), r.out());
        Onnx.ModelProto p = Onnx.ModelProto.parseFrom(Files.readAllBytes(onnx));
        assertEquals("image", p.getGraph().getInput(0).getName());
        assertEquals(32, p.getGraph().getInput(0).getType().getTensorType().getShape().getDim(2).getDimValue());
        assertEquals("logit", p.getGraph().getOutput(0).getName());
        assertTrue(p.getMetadataPropsList().stream().anyMatch(e -> e.getKey().equals("srgan.kind")
                && e.getValue().equals("discriminator")));
    }

    private static String[] cat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
