package io.github.srgandl4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.losses.vgg.TestHdf5Files;
import io.github.srgandl4j.losses.vgg.Vgg19Weights;
import io.github.srgandl4j.losses.vgg.VggLayer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NamedContentLossTest {
    @TempDir
    Path tmp;

    /** A block1_conv1-only file whose first three filters copy the (preprocessed) B, G, R channels, bias 0. */
    private Path identityBlock1Conv1() {
        INDArray kernel = Nd4j.zeros(DataType.FLOAT, 3, 3, 3, 64);
        for (int c = 0; c < 3; c++) {
            kernel.putScalar(new long[] {1, 1, c, c}, 1.0);
        }
        Map<String, INDArray> ds = new LinkedHashMap<>();
        TestHdf5Files.putKeras2Layer(ds, "", "block1_conv1", kernel, Nd4j.zeros(DataType.FLOAT, 64));
        Path file = tmp.resolve("identity_block1_conv1.h5");
        TestHdf5Files.write(file, ds);
        return file;
    }

    @Test
    void vggContentLossOnAHandExample() throws Exception {
        NamedContentLoss loss = NamedContentLoss.create(ContentLossSpec.parse("vgg1,1"), 1.0 / 12.75, identityBlock1Conv1());
        SameDiff sd = SameDiff.create();
        SDVariable sr = sd.placeHolder("sr", DataType.FLOAT, -1, 3, -1, -1);
        SDVariable hr = sd.placeHolder("hr", DataType.FLOAT, -1, 3, -1, -1);
        SDVariable l = loss.build(sd, "content", sr, hr);
        // one pixel: SR white (1,1,1) -> 255, HR mid grey (0,0,0) -> 127.5; after mean subtraction both stay > 0,
        // so phi_1,1 channels 0..2 differ by 127.5, scaled by 1/12.75 -> 10; channels 3..63 are 0.
        // MSE over 64 channels = 3 * 100 / 64
        INDArray white = Nd4j.ones(DataType.FLOAT, 1, 3, 1, 1);
        INDArray grey = Nd4j.zeros(DataType.FLOAT, 1, 3, 1, 1);
        float v = sd.output(Map.of("sr", white, "hr", grey), "content").get("content").getFloat(0);
        assertEquals(300f / 64, v, 1e-4f);
        assertTrue(loss.describe().contains("phi_1,1"), loss.describe());
        // the scale enters squared
        NamedContentLoss unscaled = NamedContentLoss.create(ContentLossSpec.parse("vgg1,1"), 1.0, Vgg19Weights.load(identityBlock1Conv1()));
        SameDiff sd2 = SameDiff.create();
        unscaled.build(sd2, "c", sd2.placeHolder("sr", DataType.FLOAT, -1, 3, -1, -1),
                sd2.placeHolder("hr", DataType.FLOAT, -1, 3, -1, -1));
        assertEquals(3f * 127.5f * 127.5f / 64, sd2.output(Map.of("sr", white, "hr", grey), "c").get("c").getFloat(0), 1e-1f);
    }

    @Test
    void aVggSpecWithoutWeightsIsRefusedByName() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NamedContentLoss.create(ContentLossSpec.parse("vgg54"), 1 / 12.75, (Path) null));
        assertTrue(e.getMessage().contains("needs a Keras VGG19 weights file"), e.getMessage());
        assertTrue(NamedContentLoss.create(ContentLossSpec.mse(), 1 / 12.75, (Path) null) instanceof PixelMseContentLoss);
    }

    @Test
    void contentLossSpecParsesTheUsualNames() {
        assertEquals(ContentLossSpec.mse(), ContentLossSpec.parse("MSE"));
        assertEquals(ContentLossSpec.vgg(new VggLayer(2, 2)), ContentLossSpec.parse("vgg22"));
        assertEquals(ContentLossSpec.vgg(VggLayer.PHI_5_4), ContentLossSpec.parse("vgg54"));
        assertEquals(ContentLossSpec.vgg(VggLayer.PHI_5_4), ContentLossSpec.parse("vgg5,4"));
        assertEquals(ContentLossSpec.vgg(VggLayer.PHI_5_4), ContentLossSpec.parse("vgg:block5_conv4"));
        assertEquals("vgg54", ContentLossSpec.parse("vgg:5,4").toString());
        assertEquals("mse", ContentLossSpec.mse().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ContentLossSpec.parse("l1"));
        assertTrue(e.getMessage().contains("'l1'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ContentLossSpec.parse("vgg57"));
        assertTrue(e.getMessage().contains("block 5 has convolutions 1..4"), e.getMessage());
    }
}
