package io.github.srgandl4j.core.model;

/** Facts about this library build. */
public final class LibraryInfo {
    private LibraryInfo() {}

    /** The srgan-dl4j version from the jar manifest, or "dev" when run from classes. */
    public static String version() {
        String v = LibraryInfo.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
