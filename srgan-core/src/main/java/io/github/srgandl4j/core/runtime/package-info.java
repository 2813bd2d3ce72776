/**
 * <b>Internal, not API.</b> Native-memory helpers (eager release of SameDiff intermediates, per-tile
 * collection) and the one-time {@code OMP_WAIT_POLICY} check. Public only because other packages of
 * the library use them; they may change in any release (docs/library.md lists the API packages).
 */
package io.github.srgandl4j.core.runtime;
