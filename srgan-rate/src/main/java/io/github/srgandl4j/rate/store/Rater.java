package io.github.srgandl4j.rate.store;

/**
 * A rater.
 *
 * @param id the opaque id (the rater's key in requests)
 * @param name the name the rater gave, or the id when none was given
 * @param created true if this call created the rater, false if an existing rater resumes
 */
public record Rater(String id, String name, boolean created) {}
