package io.github.srgandl4j.losses.vgg;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the full Keras VGG19 notop weights file when the caller does not pass a path. In this order, the first
 * that is <em>set</em> wins (a setting that points to a missing file fails; it never falls through to the next):
 * <ol>
 *   <li>the system property {@value #PROPERTY};</li>
 *   <li>the environment variable {@value #ENV};</li>
 *   <li>Keras' own download cache, {@code ~/.keras/models/vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5}
 *       (present on any machine where {@code keras.applications.VGG19(weights="imagenet", include_top=False)} has run).</li>
 * </ol>
 * See docs/losses.md for how to obtain the file.
 */
public final class Vgg19WeightsLocator {
    private static final Logger LOG = LoggerFactory.getLogger(Vgg19WeightsLocator.class);

    /** System property naming the VGG19 weights file. */
    public static final String PROPERTY = "srgan.vgg19.weights";
    /** Environment variable naming the VGG19 weights file. */
    public static final String ENV = "SRGAN_VGG19_WEIGHTS";
    /** File name Keras uses for the VGG19 ImageNet weights without the classifier. */
    public static final String KERAS_NOTOP_FILE = "vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5";
    /** Where Keras downloads that file from. */
    public static final String KERAS_NOTOP_URL =
            "https://storage.googleapis.com/tensorflow/keras-applications/vgg19/" + KERAS_NOTOP_FILE;
    /** MD5 of the Keras file, as Keras itself checks it. */
    public static final String KERAS_NOTOP_MD5 = "253f8cb515780f3b799900260a226db6";

    private Vgg19WeightsLocator() {}

    /**
     * The VGG19 weights file to use by default.
     *
     * @throws NoSuchFileException naming what was tried and how to get the file
     */
    public static Path locate() throws NoSuchFileException {
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return existing(Path.of(prop), "system property " + PROPERTY);
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return existing(Path.of(env), "environment variable " + ENV);
        }
        Path kerasCache = Path.of(System.getProperty("user.home"), ".keras", "models", KERAS_NOTOP_FILE);
        if (Files.isRegularFile(kerasCache)) {
            LOG.info("using VGG19 weights from Keras' cache {}", kerasCache);
            return kerasCache.toAbsolutePath().normalize();
        }
        throw new NoSuchFileException(kerasCache.toString(), null, "no VGG19 weights file: set -D" + PROPERTY
                + "=FILE or " + ENV + "=FILE, or put Keras' " + KERAS_NOTOP_FILE + " (from " + KERAS_NOTOP_URL
                + ", md5 " + KERAS_NOTOP_MD5 + ") at this path; see docs/losses.md");
    }

    private static Path existing(Path p, String origin) throws NoSuchFileException {
        Path abs = p.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new NoSuchFileException(abs.toString(), null, "the VGG19 weights file named by " + origin
                    + " does not exist");
        }
        LOG.info("using VGG19 weights {} (from {})", abs, origin);
        return abs;
    }
}
