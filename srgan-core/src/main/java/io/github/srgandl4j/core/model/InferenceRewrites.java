package io.github.srgandl4j.core.model;

import io.github.srgandl4j.core.nn.BatchNorm;
import io.github.srgandl4j.core.nn.Parameters;
import io.github.srgandl4j.core.nn.PixelShuffle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Parameter rewrites that speed up inference without changing the function computed. */
final class InferenceRewrites {
    private InferenceRewrites() {}

    /**
     * Folds each BN {@code (x - mean) * gamma / sqrt(var + eps) + beta} into the convolution before
     * it: {@code W' = W * s}, {@code b' = (b - mean) * s + beta} with {@code s = gamma / sqrt(var + eps)}
     * per output channel. The BN tensors are dropped.
     */
    static Parameters foldBatchNorm(Parameters p, List<String[]> convBnPairs, double eps) {
        Map<String, String> bnOf = new HashMap<>();
        for (String[] pair : convBnPairs) {
            bnOf.put(pair[1], pair[0]);
        }
        Parameters out = new Parameters();
        for (String name : p.names()) {
            String layer = name.substring(0, name.lastIndexOf('/'));
            if (bnOf.containsKey(layer)) {
                continue;
            }
            out.add(name, p.role(name), p.get(name).dup());
        }
        for (String[] pair : convBnPairs) {
            String conv = pair[0];
            String bn = pair[1];
            INDArray s = BatchNorm.foldScale(p, bn, eps);
            INDArray w = out.get(conv + "/W");
            long cout = w.size(w.rank() - 1);
            out.assign(conv + "/W", w.reshape(w.length() / cout, cout).mulRowVector(s).reshape(w.shape()));
            INDArray b = out.get(conv + "/b");
            b.subi(p.get(bn + "/running_mean")).muli(s).addi(p.get(bn + "/beta"));
        }
        return out;
    }

    /** Reorders an upsampling convolution's output channels so that native DCR depthToSpace yields CRD. */
    static void reorderForNativeDepthToSpace(Parameters p, String conv, int outChannels, int r) {
        p.assign(conv + "/W", PixelShuffle.reorderOutputChannels(p.get(conv + "/W"), outChannels, r));
        p.assign(conv + "/b", PixelShuffle.reorderOutputChannels(p.get(conv + "/b"), outChannels, r));
    }
}
