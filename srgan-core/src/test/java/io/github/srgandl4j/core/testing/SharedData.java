package io.github.srgandl4j.core.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The one way tests reach the project's shared folder (benchmarks, VGG19 weights, ONNX model).
 *
 * <p>The folder is, first found wins:
 * <ol>
 *   <li>the system property {@code srgan.shared} ({@code mvn -Dsrgan.shared=DIR ...}; the pom passes it
 *       through, empty unless given),</li>
 *   <li>the environment variable {@code SRGAN_SHARED},</li>
 *   <li>the system property {@code srgan.shared.default} (set by the parent pom to {@code ../shared}
 *       beside the repository),</li>
 *   <li>{@code ../shared} relative to the working directory (a test run outside Maven).</li>
 * </ol>
 * Where a needed file is absent the test is skipped with a message naming the path, except under CI
 * (the variable {@code CI} set to {@code true}, {@code 1} or {@code yes}, any case), where a missing
 * shared file fails the run so that a path mistake can never pass silently.
 *
 * <p>Call {@link #require} inside the test (or a {@code @BeforeEach}), not in {@code @BeforeAll}: a skip
 * there makes JUnit drop the class's tests from the counts instead of reporting them as skipped.
 */
public final class SharedData {
    private static final Set<String> CI_VALUES = Set.of("true", "1", "yes");

    private SharedData() {}

    /** The configured root of the shared folder (it may not exist). */
    public static Path root() {
        return resolveRoot(System.getProperty("srgan.shared"), System.getenv("SRGAN_SHARED"),
                System.getProperty("srgan.shared.default"));
    }

    /** The precedence of {@link #root()}: explicit property, environment, pom default, {@code ../shared}. */
    static Path resolveRoot(String property, String environment, String pomDefault) {
        String dir = "../shared";
        for (String candidate : new String[] {property, environment, pomDefault}) {
            if (candidate != null && !candidate.isBlank()) {
                dir = candidate;
                break;
            }
        }
        return Path.of(dir).toAbsolutePath().normalize();
    }

    /** Whether this run is under CI, where a skip must fail instead. */
    public static boolean underCi() {
        return isCi(System.getenv("CI"));
    }

    static boolean isCi(String value) {
        return value != null && CI_VALUES.contains(value.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * Resolves {@code relative} under the shared root and returns it if it exists; otherwise skips
     * the calling test (or fails it under CI) with a message naming the missing path.
     */
    public static Path require(String relative) {
        Path p = root().resolve(relative).normalize();
        if (!Files.exists(p)) {
            missing("shared file not found: " + p
                    + " (set -Dsrgan.shared=DIR or SRGAN_SHARED; default ../shared beside the repository)");
        }
        return p;
    }

    /**
     * Skips the calling test with {@code msg} (what is missing), or fails it under CI, where a missing file or tool
     * must not pass as a skip.
     */
    public static void missing(String msg) {
        if (underCi()) {
            fail("CI=" + System.getenv("CI") + " and " + msg);
        }
        assumeTrue(false, "skipped: " + msg);
    }
}
