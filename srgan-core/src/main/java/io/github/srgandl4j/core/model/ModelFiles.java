package io.github.srgandl4j.core.model;

import io.github.srgandl4j.core.io.AtomicFiles;
import io.github.srgandl4j.core.nn.Parameters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes model files: one zip per model holding {@code model.json} (format tag and
 * version, kind, header, tensor index) and one raw little-endian float32 entry per tensor under
 * {@code tensors/}, plus opaque {@code blobs/}. Round trips are bit-exact.
 *
 * <p>Writing goes to a temporary file in the target folder, then an atomic move: a crash never
 * leaves a half-written model under the target name. Reading checks everything it can (zip CRCs,
 * format tag, version, every tensor's byte length against its shape) and fails with a
 * {@link ModelFileException} naming the file and the problem.
 */
public final class ModelFiles {
    /** The format tag in {@code model.json}. */
    public static final String FORMAT = "srgan-dl4j-model";
    /** The format version this code writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    /** Largest entry read (1 GiB: 268 million float32 values; the paper's SRGAN checkpoint is under 300 MB). */
    static final long MAX_ENTRY_BYTES = 1L << 30;
    private static final Logger LOG = LoggerFactory.getLogger(ModelFiles.class);
    private static final String HEADER_ENTRY = "model.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFiles() {}

    /** Writes {@code archive} to {@code file} atomically. */
    public static void write(Path file, ModelArchive archive) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            AtomicFiles.write(target, tmp -> {
                try (OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20);
                        ZipOutputStream zip = new ZipOutputStream(os)) {
                    zip.setLevel(java.util.zip.Deflater.BEST_SPEED); // float weights barely compress; keep checkpoints fast
                    writeTo(zip, archive);
                }
            });
            LOG.info("wrote {} model to {} ({} tensors, {} values)", archive.kind(), target,
                    archive.parameters().size(), archive.parameters().count(Parameters.Role.TRAINABLE)
                            + archive.parameters().count(Parameters.Role.STATE));
        } catch (IOException e) {
            throw new ModelFileException(target, "cannot write: " + e, e);
        }
    }

    private static void writeTo(ZipOutputStream zip, ModelArchive archive) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("formatVersion", FORMAT_VERSION);
        json.put("kind", archive.kind());
        json.put("header", archive.header());
        List<Map<String, Object>> index = new ArrayList<>();
        int i = 0;
        for (String name : archive.parameters().names()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", name);
            t.put("role", archive.parameters().role(name).name());
            t.put("shape", archive.parameters().get(name).shape());
            t.put("entry", String.format(java.util.Locale.ROOT, "tensors/%05d.f32", i++));
            index.add(t);
        }
        json.put("tensors", index);
        List<String> blobNames = new ArrayList<>(archive.blobs().keySet());
        json.put("blobs", blobNames);
        zip.putNextEntry(new ZipEntry(HEADER_ENTRY));
        zip.write(JSON.writeValueAsBytes(json));
        zip.closeEntry();
        for (Map<String, Object> t : index) {
            INDArray a = archive.parameters().get((String) t.get("name"));
            if (a.dataType() != DataType.FLOAT) {
                throw new IOException("tensor " + t.get("name") + " is " + a.dataType() + "; model files hold FLOAT");
            }
            float[] v = a.dup('c').data().asFloat();
            ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(v);
            zip.putNextEntry(new ZipEntry((String) t.get("entry")));
            zip.write(buf.array());
            zip.closeEntry();
        }
        for (String b : blobNames) {
            zip.putNextEntry(new ZipEntry("blobs/" + b));
            zip.write(archive.blobs().get(b));
            zip.closeEntry();
        }
    }

    /** Reads a model file; every problem is a {@link ModelFileException} naming the file. */
    public static ModelArchive read(Path file) {
        Path path = file.toAbsolutePath();
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream is = Files.newInputStream(path); ZipInputStream zip = new ZipInputStream(is)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                entries.put(e.getName(), readAll(zip, e.getName(), path));
            }
        } catch (NoSuchFileException e) {
            throw new ModelFileException(path, "does not exist");
        } catch (ZipException | java.io.EOFException e) {
            throw new ModelFileException(path, "is truncated or corrupt (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ModelFileException(path, "cannot be read: " + e, e);
        }
        if (entries.isEmpty()) {
            throw new ModelFileException(path, "is not a srgan-dl4j model file (not a zip archive, or empty)");
        }
        byte[] header = entries.get(HEADER_ENTRY);
        if (header == null) {
            throw new ModelFileException(path, "has no " + HEADER_ENTRY + ": not a srgan-dl4j model file");
        }
        Map<String, Object> json;
        try {
            json = JSON.readValue(header, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new ModelFileException(path, HEADER_ENTRY + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelFileException(path, HEADER_ENTRY + " cannot be parsed: " + e, e);
        }
        return parse(path, json, entries);
    }

    @SuppressWarnings("unchecked")
    private static ModelArchive parse(Path path, Map<String, Object> json, Map<String, byte[]> entries) {
        if (!FORMAT.equals(json.get("format"))) {
            throw new ModelFileException(path, "format is '" + json.get("format") + "', expected '" + FORMAT + "'");
        }
        Object version = json.get("formatVersion");
        if (!(version instanceof Number) || ((Number) version).intValue() > FORMAT_VERSION) {
            throw new ModelFileException(path, "format version " + version + " is not supported (this library reads up to "
                    + FORMAT_VERSION + "; upgrade srgan-dl4j)");
        }
        try {
            String kind = (String) json.get("kind");
            Map<String, Object> header = (Map<String, Object>) json.getOrDefault("header", Map.of());
            Parameters params = new Parameters();
            for (Map<String, Object> t : (List<Map<String, Object>>) json.getOrDefault("tensors", List.of())) {
                String name = (String) t.get("name");
                long[] shape = ((List<Number>) t.get("shape")).stream().mapToLong(Number::longValue).toArray();
                byte[] data = entries.get((String) t.get("entry"));
                if (data == null) {
                    throw new ModelFileException(path, "tensor '" + name + "' is missing its data entry " + t.get("entry"));
                }
                long expected = Arrays.stream(shape).reduce(1, (a, b) -> a * b) * 4;
                if (data.length != expected) {
                    throw new ModelFileException(path, "tensor '" + name + "' has " + data.length + " bytes, expected "
                            + expected + " for shape " + Arrays.toString(shape));
                }
                float[] v = new float[data.length / 4];
                ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
                for (int k = 0; k < v.length; k++) {
                    if (!Float.isFinite(v[k])) {
                        throw new ModelFileException(path, "tensor '" + name + "' holds " + v[k] + " at index " + k
                                + " (shape " + Arrays.toString(shape) + "): non-finite weights give black or garbage output; "
                                + "was it written by a diverged training?");
                    }
                }
                INDArray a = Nd4j.create(v, shape, 'c'); // not a reshaped view: a graph can then bind it without a copy
                params.add(name, Parameters.Role.valueOf((String) t.get("role")), a);
            }
            Map<String, byte[]> blobs = new LinkedHashMap<>();
            for (String b : (List<String>) json.getOrDefault("blobs", List.of())) {
                byte[] data = entries.get("blobs/" + b);
                if (data == null) {
                    throw new ModelFileException(path, "blob '" + b + "' is missing");
                }
                blobs.put(b, data);
            }
            if (kind == null) {
                throw new ModelFileException(path, "model.json has no 'kind'");
            }
            return new ModelArchive(kind, header, params, blobs);
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new ModelFileException(path, "model.json is malformed: " + e.getMessage(), e);
        }
    }

    /** Reads one zip entry, refusing one that decompresses to more than {@link #MAX_ENTRY_BYTES}. */
    private static byte[] readAll(InputStream in, String entry, Path path) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > MAX_ENTRY_BYTES) {
                throw new ModelFileException(path, "entry " + entry + " decompresses to more than " + MAX_ENTRY_BYTES
                        + " bytes, more than any model of this library holds");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
