package io.github.srgandl4j.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts about this library build. */
public final class LibraryInfo {
    private static final String RESOURCE = "/io/github/srgandl4j/core/version.properties";
    private static final String VERSION = readVersion();

    private LibraryInfo() {}

    /**
     * The srgan-dl4j version (e.g. {@code 0.1.0-SNAPSHOT}), written into srgan-core's resources by
     * the build, so it is known whether the library runs from a jar or from classes.
     */
    public static String version() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = LibraryInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("srgan-core resource " + RESOURCE + " is missing (a broken build)");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            if (v == null || v.isBlank() || v.startsWith("${")) {
                throw new IllegalStateException("srgan-core resource " + RESOURCE + " has no filtered version: " + v);
            }
            return v.trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
