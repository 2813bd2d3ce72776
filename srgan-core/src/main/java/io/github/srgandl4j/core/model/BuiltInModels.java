package io.github.srgandl4j.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The models that ship inside the library jar, by name (use {@link Models#load(String)}): {@code srgan} (the perceptual SRGAN
 * generator), {@code srresnet} (the MSE-trained SRResNet) and {@code default} (= {@code srgan} since 2026-11-30: the
 * bundled SRGAN meets the project's perceptual targets as the library upscales by default, NIQE at least 1.0 below
 * the SRResNet, grid at most 1.0, a clean flat-field test and PSNR at most 2.5 dB below the SRResNet; issue 16,
 * docs/results.md).
 *
 * <p>Each is a library model file read from the classpath resource
 * {@code /io/github/srgandl4j/models/<name>.srgan}. A build that does not bundle a model fails
 * with a message saying so, never with a silent substitute.
 */
final class BuiltInModels {
    /** The names {@link #load} accepts. */
    public static final List<String> NAMES = List.of("default", "srgan", "srresnet");
    /** The model {@code default} names: the SRGAN, while it meets the perceptual targets (README). */
    static final String DEFAULT_MODEL = "srgan";
    /** Classpath folder of the bundled model files. */
    public static final String RESOURCE_DIR = "/io/github/srgandl4j/models/";

    private BuiltInModels() {}

    /** True if {@code name} is one of {@link #NAMES} (case-insensitive). */
    public static boolean isName(String name) {
        return name != null && NAMES.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The model file name a built-in name resolves to ({@code default} is {@code srgan}). */
    public static String resolve(String name) {
        Objects.requireNonNull(name, "name");
        String n = name.toLowerCase(Locale.ROOT);
        if (!NAMES.contains(n)) {
            throw new IllegalArgumentException("unknown built-in model '" + name + "' (built-in: " + String.join(", ", NAMES) + ")");
        }
        return n.equals("default") ? DEFAULT_MODEL : n;
    }

    /** The classpath resource of a built-in name. */
    public static String resource(String name) {
        return RESOURCE_DIR + resolve(name) + ".srgan";
    }

    /** Loads the built-in model {@code name} from this library's classpath. */
    public static SuperResolutionModel load(String name) {
        return load(name, BuiltInModels.class.getClassLoader());
    }

    /**
     * Loads the built-in model {@code name} as a resource of {@code loader} (tests use their own).
     *
     * @throws IllegalStateException if the resource is not bundled in this build
     * @throws ModelFileException if the bundled file is unreadable
     */
    static SuperResolutionModel load(String name, ClassLoader loader) {
        String resource = resource(name);
        String file = resolve(name);
        try (InputStream in = loader.getResourceAsStream(resource.substring(1))) {
            if (in == null) {
                throw new IllegalStateException("built-in model '" + file + "' is not bundled in this build (classpath resource "
                        + resource + " is absent; srgan-core's jar normally bundles it). "
                        + "Use a model file instead: a library model file or an imported .onnx generator");
            }
            Path tmp = Files.createTempFile("srgan-builtin-" + file + "-", ".srgan");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                return Models.load(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in model '" + file + "' (" + resource + "): " + e.getMessage(), e);
        }
    }
}
