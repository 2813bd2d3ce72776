/**
 * <b>Internal, not API.</b> The layers, parameter sets and graph context from which the library builds
 * its SameDiff graphs. Public only because other packages of the library use them; they may change
 * in any release. Use {@code core.model} instead (docs/library.md lists the API packages).
 */
package io.github.srgandl4j.core.nn;
