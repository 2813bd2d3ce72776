package io.github.srgandl4j.core.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one way tests reach the project's shared folder (benchmarks, VGG19 weights, ONNX model).
 *
 * <p>The folder is the system property {@code srgan.shared} (set by the parent pom to
 * {@code ../shared} beside the repository), else the environment variable {@code SRGAN_SHARED},
 * else {@code ../shared} relative to the working directory. Where a needed file is absent the test
 * is skipped with a message naming the path, except under CI ({@code CI=true}), where a missing
 * shared file fails the run so that a path mistake can never pass silently.
 */
public final class SharedData {
    private SharedData() {}

    /** The configured root of the shared folder (it may not exist). */
    public static Path root() {
        String prop = System.getProperty("srgan.shared");
        if (prop == null || prop.isBlank()) {
            prop = System.getenv("SRGAN_SHARED");
        }
        if (prop == null || prop.isBlank()) {
            prop = "../shared";
        }
        return Path.of(prop).toAbsolutePath().normalize();
    }

    /**
     * Resolves {@code relative} under the shared root and returns it if it exists; otherwise skips
     * the calling test (or fails it under CI) with a message naming the missing path.
     */
    public static Path require(String relative) {
        Path p = root().resolve(relative).normalize();
        if (!Files.exists(p)) {
            String msg = "shared file not found: " + p + " (set -Dsrgan.shared=DIR or SRGAN_SHARED; default ../shared)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true and " + msg);
            }
            assumeTrue(false, "skipped: " + msg);
        }
        return p;
    }
}
