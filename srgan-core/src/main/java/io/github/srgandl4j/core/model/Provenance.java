package io.github.srgandl4j.core.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a model came from: the library version that wrote it, when, and free-form details
 * (training data, steps, hyperparameters, metrics, source file of an import, git commit...).
 *
 * @param libraryVersion srgan-dl4j version that created the model
 * @param createdAt ISO-8601 instant
 * @param details ordered key/value facts
 */
public record Provenance(String libraryVersion, String createdAt, Map<String, String> details) {
    public Provenance {
        Objects.requireNonNull(libraryVersion, "libraryVersion");
        Objects.requireNonNull(createdAt, "createdAt");
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** Provenance stamped now with this library's version. */
    public static Provenance now(Map<String, String> details) {
        return new Provenance(LibraryInfo.version(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), details);
    }
}
