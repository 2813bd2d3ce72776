package io.github.srgandl4j.rate.stats;

/**
 * A two-sided Mann-Whitney U test of two methods' ratings.
 *
 * @param a the first method
 * @param b the second method
 * @param u the U statistic of {@code a}: the number of (a, b) rating pairs where a's rating is higher, ties counting
 *     one half
 * @param p the two-sided p-value (NaN when a method has no ratings)
 */
public record PairTest(String a, String b, double u, double p) {}
