package io.github.srgandl4j.losses.vgg;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads layer weights from a Keras HDF5 file (weights-only or full Keras 2 model) through
 * deeplearning4j-modelimport's {@link Hdf5Archive}. Layers are found by name; within a layer's group every
 * dataset is collected recursively, so both Keras 2 names ({@code block1_conv1/kernel:0}) and older ones
 * ({@code block1_conv1_W_1:0}) are found.
 */
final class KerasHdf5WeightsReader implements Closeable {
    /** HDF5 superblock signature; it sits at offset 0 or at 512, 1024, 2048, ... after a user block. */
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final String MODEL_WEIGHTS = "model_weights";

    private final Path file;
    private final Hdf5Archive archive;
    private final KerasFileLayout layout;
    /** Group path from the file root to the group holding one group per layer (empty for weights-only). */
    private final String[] root;
    private final List<String> layerGroups;

    private KerasHdf5WeightsReader(Path file, Hdf5Archive archive) {
        this.file = file;
        this.archive = archive;
        List<String> top = archive.getGroups();
        if (top.contains(MODEL_WEIGHTS)) {
            this.layout = KerasFileLayout.FULL_MODEL;
            this.root = new String[] {MODEL_WEIGHTS};
            this.layerGroups = List.copyOf(archive.getGroups(MODEL_WEIGHTS));
        } else {
            this.layout = KerasFileLayout.WEIGHTS_ONLY;
            this.root = new String[0];
            this.layerGroups = List.copyOf(top);
        }
    }

    /**
     * Opens {@code file} after checking that it exists, is a readable regular file and starts with the HDF5
     * signature (so that a wrong file fails with a clear message instead of a native HDF5 error).
     *
     * @throws NoSuchFileException if the file does not exist
     * @throws VggWeightsException if it is not a readable HDF5 file
     */
    static KerasHdf5WeightsReader open(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            throw new NoSuchFileException(abs.toString(), null, "VGG19 weights file does not exist");
        }
        if (!Files.isRegularFile(abs) || !Files.isReadable(abs)) {
            throw new VggWeightsException("VGG19 weights file " + abs + " is not a readable regular file");
        }
        if (!hasHdf5Signature(abs)) {
            throw new VggWeightsException("VGG19 weights file " + abs
                    + " is not an HDF5 file (no HDF5 signature); expected a Keras .h5 weights or model file");
        }
        Hdf5Archive archive;
        try {
            archive = new Hdf5Archive(abs.toString());
        } catch (RuntimeException e) {
            throw new VggWeightsException("cannot open VGG19 weights file " + abs + " as HDF5: " + e.getMessage(), e);
        }
        try {
            return new KerasHdf5WeightsReader(abs, archive);
        } catch (RuntimeException e) {
            archive.close();
            throw new VggWeightsException("cannot list the layers of VGG19 weights file " + abs + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasHdf5Signature(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer buf = ByteBuffer.allocate(HDF5_SIGNATURE.length);
            for (long offset = 0; offset + HDF5_SIGNATURE.length <= size; offset = offset == 0 ? 512 : offset * 2) {
                buf.clear();
                while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) > 0) {
                    // keep reading until the 8 bytes are in
                }
                if (!buf.hasRemaining() && Arrays.equals(buf.array(), HDF5_SIGNATURE)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The absolute, normalised path of the file. */
    Path file() {
        return file;
    }

    /** Whether the file is weights-only or a full model. */
    KerasFileLayout layout() {
        return layout;
    }

    /** Names of the layer groups (in the file's link order). */
    List<String> layerGroups() {
        return layerGroups;
    }

    /** Whether the file has a group for layer {@code name}. */
    boolean hasLayer(String name) {
        return layerGroups.contains(name);
    }

    /**
     * Every dataset under the group of layer {@code name}, recursively, keyed by its path relative to that
     * group (e.g. {@code block1_conv1/kernel:0}), as float32 arrays in the file's (C) order.
     */
    Map<String, INDArray> readLayer(String name) throws VggWeightsException {
        if (!hasLayer(name)) {
            throw new IllegalArgumentException("no layer group '" + name + "' in " + file);
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        try {
            collect(append(root, name), "", out);
        } catch (Exception e) {
            throw new VggWeightsException("cannot read layer '" + name + "' of " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private void collect(String[] groups, String prefix, Map<String, INDArray> out) throws Exception {
        for (String ds : archive.getDataSets(groups)) {
            INDArray a = archive.readDataSet(ds, groups);
            out.put(prefix + ds, a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT));
        }
        for (String g : archive.getGroups(groups)) {
            collect(append(groups, g), prefix + g + "/", out);
        }
    }

    private static String[] append(String[] path, String name) {
        String[] p = Arrays.copyOf(path, path.length + 1);
        p[path.length] = name;
        return p;
    }

    /** Lists the layer groups for messages, at most {@code max} names. */
    static String summarise(List<String> names, int max) {
        List<String> shown = new ArrayList<>(names.subList(0, Math.min(max, names.size())));
        if (names.size() > max) {
            shown.add("... (" + names.size() + " in all)");
        }
        return String.join(", ", shown);
    }

    @Override
    public void close() {
        archive.close();
    }
}
