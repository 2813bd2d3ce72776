package io.github.srgandl4j.core.model;

import io.github.srgandl4j.core.nn.Parameters;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The content of a model file, independent of the model kind: a kind tag, a JSON-compatible
 * header (configuration, value ranges, provenance), named float32 tensors and opaque blobs (for
 * example the ONNX bytes of an imported generator). Typed models convert to and from it;
 * {@link ModelFiles} reads and writes it.
 *
 * @param kind model kind, e.g. {@code srresnet}, {@code discriminator}, {@code onnx-generator}
 * @param header JSON-compatible values (String, Number, Boolean, List, Map)
 * @param parameters named tensors
 * @param blobs named byte arrays
 */
public record ModelArchive(String kind, Map<String, Object> header, Parameters parameters, Map<String, byte[]> blobs) {
    public ModelArchive {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(parameters, "parameters");
        header = Collections.unmodifiableMap(new LinkedHashMap<>(header));
        blobs = Collections.unmodifiableMap(new LinkedHashMap<>(blobs));
    }
}
