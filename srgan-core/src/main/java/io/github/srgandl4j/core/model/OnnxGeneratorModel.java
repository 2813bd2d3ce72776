package io.github.srgandl4j.core.model;

import io.github.srgandl4j.core.onnx.ImportedOnnxModel;
import io.github.srgandl4j.core.onnx.OnnxGeneratorImporter;
import io.github.srgandl4j.core.onnx.OnnxImportOptions;
import io.github.srgandl4j.core.onnx.ValueRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A generator imported from ONNX (for example a PyTorch export), usable wherever the library's own
 * models are. Saved as a library model file of kind {@code onnx-generator} that holds the ONNX
 * bytes, the value ranges and the provenance; loading re-imports the bytes.
 */
public final class OnnxGeneratorModel implements SuperResolutionModel {
    /** Model-file kind tag. */
    public static final String KIND = "onnx-generator";
    private static final String BLOB = "model.onnx";

    private final ImportedOnnxModel imported;
    private final byte[] onnxBytes;
    private final String name;
    private final Provenance provenance;
    private volatile boolean closed;

    private OnnxGeneratorModel(ImportedOnnxModel imported, byte[] onnxBytes, String name, Provenance provenance) {
        this.imported = Objects.requireNonNull(imported);
        this.onnxBytes = onnxBytes.clone();
        this.name = name;
        this.provenance = provenance;
    }

    /** Imports an ONNX file with the given value ranges. */
    public static OnnxGeneratorModel importFile(Path onnxFile, OnnxImportOptions options) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(onnxFile);
        } catch (IOException e) {
            new OnnxGeneratorImporter(options).importFile(onnxFile); // throws the importer's message naming the file
            throw new java.io.UncheckedIOException("cannot read ONNX file " + onnxFile + ": " + e, e);
        }
        ImportedOnnxModel m = new OnnxGeneratorImporter(options).importBytes(bytes, onnxFile.toAbsolutePath().toString());
        return fromImport(m, bytes, onnxFile);
    }

    private static OnnxGeneratorModel fromImport(ImportedOnnxModel m, byte[] bytes, Path file) {
        String base = file.getFileName().toString().replaceFirst("\\.onnx$", "");
        Map<String, String> d = new LinkedHashMap<>();
        d.put("importedFrom", file.getFileName().toString());
        d.put("producer", m.producer());
        d.put("opset", Long.toString(m.opsetVersion()));
        d.put("ops", m.opCounts().toString());
        return new OnnxGeneratorModel(m, bytes, base, Provenance.now(d));
    }

    /** A copy of the ONNX file's bytes (for other runtimes). */
    public byte[] onnxBytes() {
        return onnxBytes.clone();
    }

    public ImportedOnnxModel imported() {
        return imported;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int scale() {
        return imported.scale();
    }

    @Override
    public ValueRange inputRange() {
        return imported.inputRange();
    }

    @Override
    public ValueRange outputRange() {
        return imported.outputRange();
    }

    @Override
    public int receptiveRadius() {
        return imported.receptiveRadius();
    }

    @Override
    public INDArray forward(INDArray lr) {
        requireOpen();
        return imported.forward(lr);
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    public ModelArchive toArchive() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("name", name);
        header.put("inputRange", ModelHeaders.range(inputRange()));
        header.put("outputRange", ModelHeaders.range(outputRange()));
        header.put("scale", scale());
        header.put("provenance", ModelHeaders.provenance(provenance));
        return new ModelArchive(KIND, header, new io.github.srgandl4j.core.nn.Parameters(), Map.of(BLOB, onnxBytes));
    }

    @Override
    public void save(Path file) {
        requireOpen();
        ModelFiles.write(file, toArchive());
    }

    static OnnxGeneratorModel fromArchive(Path file, ModelArchive a) {
        byte[] bytes = a.blobs().get(BLOB);
        if (bytes == null) {
            throw new ModelFileException(file.toAbsolutePath(), "has no " + BLOB + " blob");
        }
        try {
            OnnxImportOptions opts = OnnxImportOptions.builder()
                    .inputRange(ModelHeaders.range(a.header().get("inputRange")))
                    .outputRange(ModelHeaders.range(a.header().get("outputRange")))
                    .build();
            ImportedOnnxModel m = new OnnxGeneratorImporter(opts).importBytes(bytes, file.toAbsolutePath().toString());
            return new OnnxGeneratorModel(m, bytes, String.valueOf(a.header().getOrDefault("name", KIND)),
                    ModelHeaders.provenance(ModelHeaders.map(a.header(), "provenance")));
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw new ModelFileException(file.toAbsolutePath(), "invalid header: " + e.getMessage(), e);
        }
    }

    /**
     * Marks the model closed: afterwards {@link #forward} and {@link #save} throw
     * {@link IllegalStateException}. The imported graph holds only constants and is freed with this
     * object. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
    }

    /** True after {@link #close()}. */
    public boolean isClosed() {
        return closed;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("model '" + name + "' is closed");
        }
    }
}
