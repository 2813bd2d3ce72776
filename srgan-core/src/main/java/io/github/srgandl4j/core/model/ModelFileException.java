package io.github.srgandl4j.core.model;

import java.nio.file.Path;

/** A model file that cannot be read or written: the message names the file and what is wrong. */
public class ModelFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final String problem;

    public ModelFileException(Path file, String problem) {
        super("model file " + file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    public ModelFileException(Path file, String problem, Throwable cause) {
        super("model file " + file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** What is wrong, without the file name. */
    public String problem() {
        return problem;
    }

    /** The file concerned. */
    public Path file() {
        return file;
    }
}
