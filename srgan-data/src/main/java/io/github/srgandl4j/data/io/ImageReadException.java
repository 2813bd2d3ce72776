package io.github.srgandl4j.data.io;

import java.io.IOException;
import java.nio.file.Path;

/** An image file that cannot be read; the message names the file and what is wrong with it. */
public class ImageReadException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that react differently to different failures. */
    public enum Reason {
        NOT_FOUND,
        EMPTY,
        NOT_AN_IMAGE,
        UNSUPPORTED_FORMAT,
        TOO_LARGE,
        CORRUPT,
        IO_ERROR
    }

    private final transient Path file;
    private final Reason reason;

    public ImageReadException(Path file, Reason reason, String what) {
        this(file, reason, what, null);
    }

    public ImageReadException(Path file, Reason reason, String what, Throwable cause) {
        super(file + ": " + what, cause);
        this.file = file;
        this.reason = reason;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }

    public Reason reason() {
        return reason;
    }
}
