package io.github.srgandl4j.rate.study;

import java.nio.file.Path;

/**
 * One image shown to raters: a method's output of one test image, or a calibration anchor.
 *
 * @param method the method (the name of its folder: a method folder, or {@code NN}/{@code HR} for calibration)
 * @param image the test image's name (file name without extension)
 * @param file the image file (PNG or JPEG)
 */
public record StudyImage(String method, String image, Path file) {
    /** The key identifying the image within its part of the study. */
    public String key() {
        return method + "/" + image;
    }
}
