package io.github.srgandl4j.rate.store;

/**
 * One stored rating, as exported.
 *
 * @param raterId the rater's opaque id
 * @param raterName the rater's name
 * @param part {@code calibration} or {@code study}
 * @param method the method (for calibration: NN or HR)
 * @param image the test image's name
 * @param item the item's opaque id
 * @param score the score, 1 to 5
 * @param ratedAt when it was stored (ISO-8601 UTC)
 */
public record RatingRecord(String raterId, String raterName, String part, String method, String image, String item,
        int score, String ratedAt) {}
