package io.github.srgandl4j.rate.store;

/**
 * Where a rater stands: the next item to rate, or {@link Phase#DONE}.
 *
 * @param phase calibration, study or done
 * @param item the next item's opaque id (null when done)
 * @param anchor the score a calibration item stands for (1 or 5), null in the study
 * @param position 1-based position of the next item within its phase (0 when done)
 * @param calibrationTotal number of calibration items
 * @param studyTotal number of rated items
 * @param studyDone number of rated items this rater has rated
 */
public record NextItem(Phase phase, String item, Integer anchor, int position, int calibrationTotal, int studyTotal,
        int studyDone) {
    /** The parts of a rater's session. */
    public enum Phase {
        CALIBRATION,
        STUDY,
        DONE
    }
}
