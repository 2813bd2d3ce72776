/**
 * <b>Internal, not API.</b> Atomic file writing shared by the library's writers. Public only because
 * other modules of the library use it; it may change in any release (docs/library.md lists the API
 * packages).
 */
package io.github.srgandl4j.core.io;
