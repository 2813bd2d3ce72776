package io.github.srgandl4j.losses.vgg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VGG19 convolution weights read from a Keras HDF5 file, matched by Keras layer name ({@code block1_conv1} ..
 * {@code block5_conv4}). Both layouts are read: weights-only files like Keras'
 * {@code vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5} and full Keras 2 model files
 * ({@code model_config} + {@code model_weights}). Every layer read is checked against the VGG19 shapes.
 *
 * <p>Instances are immutable; the arrays are shared by every graph built from them and must not be modified.
 * Load once and reuse ({@link Vgg19FeatureExtractor} builds graphs from it).
 */
public final class Vgg19Weights {
    private static final Logger LOG = LoggerFactory.getLogger(Vgg19Weights.class);

    private final Path source;
    private final KerasFileLayout layout;
    private final Map<VggLayer, ConvWeights> layers;
    /** The VGG19 convolution layers the file has (loaded or not), in network order. */
    private final List<VggLayer> inFile;

    private Vgg19Weights(Path source, KerasFileLayout layout, Map<VggLayer, ConvWeights> layers, List<VggLayer> inFile) {
        this.source = source;
        this.layout = layout;
        this.layers = Collections.unmodifiableMap(layers);
        this.inFile = List.copyOf(inFile);
    }

    /**
     * Loads every VGG19 convolution layer the file has (for a file with only blocks 1-3, phi_1,1 .. phi_3,4
     * are then available; asking a {@link Vgg19FeatureExtractor} for a deeper layer fails naming the file and
     * the missing layer).
     *
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws VggWeightsException if it is not HDF5, has no VGG19 convolution layer, or a layer has the wrong shape
     */
    public static Vgg19Weights load(Path file) throws IOException {
        return load(file, null);
    }

    /**
     * Loads only the layers needed for {@code deepest} (it and every convolution before it).
     *
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws VggWeightsException if it is not HDF5, lacks a needed layer (naming it) or a layer has the wrong shape
     */
    public static Vgg19Weights load(Path file, VggLayer deepest) throws IOException {
        long t0 = System.nanoTime();
        try (KerasHdf5WeightsReader reader = KerasHdf5WeightsReader.open(file)) {
            List<VggLayer> inFile = VggLayer.all().stream()
                    .filter(l -> reader.hasLayer(l.kerasName()))
                    .collect(Collectors.toList());
            List<VggLayer> wanted;
            if (deepest == null) {
                if (inFile.isEmpty()) {
                    throw new VggWeightsException("VGG19 weights file " + reader.file()
                            + " has no VGG19 convolution layer (block1_conv1 .. block5_conv4); its layer groups are: "
                            + KerasHdf5WeightsReader.summarise(reader.layerGroups(), 20));
                }
                wanted = inFile;
            } else {
                VggLayer missing = firstMissing(deepest, inFile);
                if (missing != null) {
                    throw new VggWeightsException(missingLayerMessage(reader.file(), missing, deepest, inFile));
                }
                wanted = deepest.withPredecessors();
            }
            Map<VggLayer, ConvWeights> loaded = new TreeMap<>((a, b) -> Integer.compare(a.index(), b.index()));
            for (VggLayer l : wanted) {
                loaded.put(l, readLayer(reader, l));
            }
            Vgg19Weights w = new Vgg19Weights(reader.file(), reader.layout(), loaded, inFile);
            LOG.info("loaded VGG19 {} .. {} ({} layers, {} parameters) from {} ({}) in {} ms",
                    wanted.get(0).kerasName(), wanted.get(wanted.size() - 1).kerasName(), wanted.size(),
                    w.parameterCount(), reader.file(), reader.layout(), (System.nanoTime() - t0) / 1_000_000);
            return w;
        }
    }

    private static ConvWeights readLayer(KerasHdf5WeightsReader reader, VggLayer layer) throws VggWeightsException {
        Map<String, INDArray> datasets = reader.readLayer(layer.kerasName());
        INDArray kernel = pick(reader, layer, datasets, 4, "kernel", "_W");
        INDArray bias = pick(reader, layer, datasets, 1, "bias", "_b");
        long[] expectedKernel = layer.kernelShape();
        if (!Arrays.equals(kernel.shape(), expectedKernel)) {
            throw new VggWeightsException("layer '" + layer.kerasName() + "' kernel in " + reader.file() + " has shape "
                    + shape(kernel.shape()) + ", expected " + shape(expectedKernel));
        }
        long[] expectedBias = {layer.outputChannels()};
        if (!Arrays.equals(bias.shape(), expectedBias)) {
            throw new VggWeightsException("layer '" + layer.kerasName() + "' bias in " + reader.file() + " has shape "
                    + shape(bias.shape()) + ", expected " + shape(expectedBias));
        }
        return new ConvWeights(kernel, bias);
    }

    /** The unique dataset of the given rank; if several, the unique one whose name contains a hint. */
    private static INDArray pick(KerasHdf5WeightsReader reader, VggLayer layer, Map<String, INDArray> datasets,
                                 int rank, String... nameHints) throws VggWeightsException {
        List<String> candidates = datasets.entrySet().stream()
                .filter(e -> e.getValue().rank() == rank)
                .map(Map.Entry::getKey)
                .collect(Collectors.toList());
        if (candidates.size() > 1) {
            candidates = candidates.stream()
                    .filter(n -> Arrays.stream(nameHints).anyMatch(n::contains))
                    .collect(Collectors.toList());
        }
        if (candidates.size() != 1) {
            String what = rank == 4 ? "kernel (rank 4)" : "bias (rank 1)";
            String found = datasets.entrySet().stream()
                    .map(e -> e.getKey() + " " + shape(e.getValue().shape()))
                    .collect(Collectors.joining(", "));
            throw new VggWeightsException("layer '" + layer.kerasName() + "' in " + reader.file()
                    + " has no unique " + what + " dataset; its datasets are: " + (found.isEmpty() ? "none" : found));
        }
        return datasets.get(candidates.get(0));
    }

    /**
     * The layer to report as missing for {@code target}: the target itself if absent (so asking phi_5,4 of a
     * blocks-1-3 file names block5_conv4), else the first absent layer before it; null if none is absent.
     */
    static VggLayer firstMissing(VggLayer target, java.util.Collection<VggLayer> present) {
        if (!present.contains(target)) {
            return target;
        }
        return target.withPredecessors().stream().filter(l -> !present.contains(l)).findFirst().orElse(null);
    }

    static String shape(long[] shape) {
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(",", "[", "]"));
    }

    /**
     * The message for a layer that is needed but absent, e.g. {@code VGG19 weights file /x.h5 has no layer
     * 'block5_conv4' (needed for phi_5,4); it has block1_conv1..block3_conv4}.
     */
    static String missingLayerMessage(Path file, VggLayer missing, VggLayer target, List<VggLayer> inFile) {
        return "VGG19 weights file " + file + " has no layer '" + missing.kerasName() + "' (needed for " + target
                + "); it has " + describe(inFile);
    }

    /** "block1_conv1..block3_conv4" for a run from the start, otherwise the names, or "no VGG19 convolution layer". */
    static String describe(List<VggLayer> present) {
        if (present.isEmpty()) {
            return "no VGG19 convolution layer";
        }
        List<String> runs = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= present.size(); i++) {
            boolean breaks = i == present.size() || present.get(i).index() != present.get(i - 1).index() + 1;
            if (breaks) {
                VggLayer a = present.get(start);
                VggLayer b = present.get(i - 1);
                runs.add(a.equals(b) ? a.kerasName() : a.kerasName() + ".." + b.kerasName());
                start = i;
            }
        }
        return String.join(", ", runs);
    }

    private String notLoadedMessage(VggLayer missing, VggLayer target) {
        if (!inFile.contains(missing)) {
            return missingLayerMessage(source, missing, target, inFile);
        }
        return "VGG19 weights from " + source + " were loaded only up to " + deepest().kerasName() + "; layer '"
                + missing.kerasName() + "' (needed for " + target + ") is in the file but was not loaded: use "
                + "Vgg19Weights.load(file) or Vgg19Weights.load(file, VggLayer.parse(\"" + target.block() + ","
                + target.conv() + "\"))";
    }

    /** The file the weights came from (absolute, normalised). */
    public Path source() {
        return source;
    }

    /** The Keras layout of that file. */
    public KerasFileLayout layout() {
        return layout;
    }

    /** Whether the weights of {@code layer} are loaded. */
    public boolean has(VggLayer layer) {
        return layers.containsKey(layer);
    }

    /** The loaded layers in network order. */
    public List<VggLayer> layers() {
        return List.copyOf(layers.keySet());
    }

    /** The deepest loaded layer. */
    public VggLayer deepest() {
        List<VggLayer> l = layers();
        return l.get(l.size() - 1);
    }

    /**
     * The weights of {@code layer}.
     *
     * @throws IllegalArgumentException naming the file and the layer if it is not loaded
     */
    public ConvWeights get(VggLayer layer) {
        ConvWeights w = layers.get(layer);
        if (w == null) {
            throw new IllegalArgumentException(notLoadedMessage(layer, layer));
        }
        return w;
    }

    /**
     * Checks that every layer needed for {@code target} is loaded.
     *
     * @throws IllegalArgumentException naming the file and the first missing layer, e.g. {@code VGG19 weights
     *     file /x.h5 has no layer 'block5_conv4' (needed for phi_5,4); it has block1_conv1..block3_conv4}
     */
    public void requireUpTo(VggLayer target) {
        VggLayer missing = firstMissing(target, layers.keySet());
        if (missing != null) {
            throw new IllegalArgumentException(notLoadedMessage(missing, target));
        }
    }

    /** Total number of loaded parameters. */
    public long parameterCount() {
        return layers.values().stream().mapToLong(ConvWeights::parameterCount).sum();
    }

    @Override
    public String toString() {
        return "Vgg19Weights[" + describe(layers()) + " from " + source + " (" + layout + ")]";
    }
}
