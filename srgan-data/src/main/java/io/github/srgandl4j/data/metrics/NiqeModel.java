package io.github.srgandl4j.data.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pristine model NIQE compares images with: the mean (36) and covariance (36x36) of the
 * features of pristine natural images, and the 7x7 Gaussian window of the MSCN normalisation.
 * {@link #pristine()} is the model of the official MATLAB release (Mittal, Soundararajan and
 * Bovik 2013), shipped as the resource {@code niqe_pristine_params.json} beside this class
 * (provenance and terms in {@code NOTICE-niqe.txt} there).
 *
 * @param mean feature means, length 36
 * @param covariance feature covariance, 36x36
 * @param window normalisation window, square with odd side, summing to 1
 */
public record NiqeModel(double[] mean, double[][] covariance, double[][] window) {
    /** Number of features of the two-scale model. */
    public static final int FEATURES = 36;
    private static final String RESOURCE = "niqe_pristine_params.json";
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d*)?(?:[eE][-+]?\\d+)?");

    public NiqeModel {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(covariance, "covariance");
        Objects.requireNonNull(window, "window");
        if (mean.length != FEATURES || covariance.length != FEATURES) {
            throw new IllegalArgumentException("NIQE model needs " + FEATURES + " means and a " + FEATURES + "x" + FEATURES
                    + " covariance, got " + mean.length + " and " + covariance.length + " rows");
        }
        for (double[] row : covariance) {
            if (row.length != FEATURES) {
                throw new IllegalArgumentException("covariance row of " + row.length + " values, expected " + FEATURES);
            }
        }
        if (window.length % 2 == 0) {
            throw new IllegalArgumentException("window side must be odd, got " + window.length);
        }
        for (double[] row : window) {
            if (row.length != window.length) {
                throw new IllegalArgumentException("window must be square");
            }
        }
    }

    /** The pristine model of the official MATLAB NIQE release, read once from the bundled resource. */
    public static NiqeModel pristine() {
        return Holder.PRISTINE;
    }

    /** Parses a model from JSON with the arrays {@code mu_pris_param}, {@code cov_pris_param}, {@code gaussian_window}. */
    public static NiqeModel fromJson(String json, String source) {
        double[] mean = numbers(json, "mu_pris_param", source);
        double[] cov = numbers(json, "cov_pris_param", source);
        double[] win = numbers(json, "gaussian_window", source);
        int side = (int) Math.round(Math.sqrt(win.length));
        if (cov.length != FEATURES * FEATURES || side * side != win.length) {
            throw new IllegalArgumentException(source + ": cov_pris_param has " + cov.length + " values (expected "
                    + FEATURES * FEATURES + "), gaussian_window " + win.length + " (expected a square)");
        }
        return new NiqeModel(mean, reshape(cov, FEATURES), reshape(win, side));
    }

    private static double[][] reshape(double[] flat, int side) {
        double[][] out = new double[side][side];
        for (int i = 0; i < side; i++) {
            System.arraycopy(flat, i * side, out[i], 0, side);
        }
        return out;
    }

    /** The numbers of the (possibly nested) JSON array under {@code key}, flattened row-major. */
    private static double[] numbers(String json, String key, String source) {
        int k = json.indexOf('"' + key + '"');
        int open = k < 0 ? -1 : json.indexOf('[', k);
        if (open < 0) {
            throw new IllegalArgumentException(source + ": no array \"" + key + "\"");
        }
        int depth = 0;
        int end = -1;
        for (int i = open; i < json.length() && end < 0; i++) {
            char c = json.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                end = i;
            }
        }
        if (end < 0) {
            throw new IllegalArgumentException(source + ": unterminated array \"" + key + "\"");
        }
        List<Double> values = new ArrayList<>();
        Matcher m = NUMBER.matcher(json.substring(open, end));
        while (m.find()) {
            values.add(Double.parseDouble(m.group()));
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static final class Holder {
        static final NiqeModel PRISTINE = load();

        private static NiqeModel load() {
            try (InputStream in = NiqeModel.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " missing beside " + NiqeModel.class.getName());
                }
                return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
            }
        }
    }
}
