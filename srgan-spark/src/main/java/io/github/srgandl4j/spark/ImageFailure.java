package io.github.srgandl4j.spark;

import java.io.Serializable;

/**
 * An image a distributed job could not process.
 *
 * @param file the file (fully qualified)
 * @param error one line naming the file and the problem
 */
public record ImageFailure(String file, String error) implements Serializable {
    private static final long serialVersionUID = 1L;
}
