package io.github.srgandl4j.losses.vgg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.losses.VggContentLoss;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * phi_5,4 end to end on a full-size VGG19 notop file. The real ImageNet file cannot be shipped or downloaded here,
 * so this writes one with the same layout, names and shapes (20,024,384 random He-scaled parameters, ~80 MB) and
 * checks loading, shapes and gradients through all 16 convolutions (about 7 s on 2 cores).
 */
class FullSizeVgg19Test {
    private static final Logger LOG = LoggerFactory.getLogger(FullSizeVgg19Test.class);

    @TempDir
    Path tmp;

    @Test
    void phi54FromAFullSizeNotopFile() throws Exception {
        Nd4j.getRandom().setSeed(54);
        Map<String, INDArray> ds = new LinkedHashMap<>();
        for (VggLayer l : VggLayer.all()) {
            INDArray k = Nd4j.randn(DataType.FLOAT, l.kernelShape()).muli(Math.sqrt(2.0 / (9 * l.inputChannels())));
            TestHdf5Files.putKeras2Layer(ds, "", l.kerasName(), k, Nd4j.zeros(DataType.FLOAT, l.outputChannels()));
        }
        Path file = tmp.resolve("vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5");
        long t0 = System.nanoTime();
        TestHdf5Files.write(file, ds);
        LOG.info("wrote synthetic full VGG19 notop file ({} bytes) in {} ms", java.nio.file.Files.size(file),
                (System.nanoTime() - t0) / 1_000_000);

        t0 = System.nanoTime();
        Vgg19Weights w = Vgg19Weights.load(file, VggLayer.PHI_5_4);
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(20_024_384L, w.parameterCount());
        assertArrayEquals(ds.get("block5_conv4/block5_conv4/kernel:0").data().asFloat(),
                w.get(VggLayer.PHI_5_4).kernel().data().asFloat(), 0f);

        Vgg19FeatureExtractor vgg = new Vgg19FeatureExtractor(w, VggLayer.PHI_5_4);
        SameDiff sd = SameDiff.create();
        SDVariable sr = sd.var("sr", Nd4j.rand(DataType.FLOAT, 2, 3, 96, 96).muli(2).subi(1));
        SDVariable hr = sd.placeHolder("hr", DataType.FLOAT, -1, 3, 96, 96);
        SDVariable loss = new VggContentLoss(vgg).build(sd, "content", sr, hr);
        sd.setLossVariables(loss);
        Map<String, INDArray> ph = Map.of("hr", Nd4j.rand(DataType.FLOAT, 2, 3, 96, 96).muli(2).subi(1));

        t0 = System.nanoTime();
        INDArray features = sd.output(ph, "content/vgg_sr/block5_conv4").get("content/vgg_sr/block5_conv4");
        long fwdMs = (System.nanoTime() - t0) / 1_000_000;
        assertArrayEquals(new long[] {2, 512, 6, 6}, features.shape());
        t0 = System.nanoTime();
        INDArray grad = sd.calculateGradients(ph, "sr").get("sr");
        long gradMs = (System.nanoTime() - t0) / 1_000_000;
        assertArrayEquals(new long[] {2, 3, 96, 96}, grad.shape());
        assertTrue(grad.norm2Number().doubleValue() > 0, "no gradient through phi_5,4");
        LOG.info("full VGG19 notop: load {} ms; phi_5,4 forward 2x3x96x96 {} ms; content loss gradient {} ms",
                loadMs, fwdMs, gradMs);
    }
}
