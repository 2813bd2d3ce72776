package io.github.srgandl4j.rate.store;

/** A request the rating store refused; nothing was changed. {@link #status()} is the HTTP status to answer with. */
public final class RatingException extends Exception {
    private final int status;

    private RatingException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** Malformed or invalid input (HTTP 400). */
    public static RatingException badRequest(String message) {
        return new RatingException(400, message);
    }

    /** An unknown rater or item (HTTP 404). */
    public static RatingException notFound(String message) {
        return new RatingException(404, message);
    }

    /** A request that clashes with what is stored, e.g. a second rating of an item (HTTP 409). */
    public static RatingException conflict(String message) {
        return new RatingException(409, message);
    }

    /** The HTTP status: 400, 404 or 409. */
    public int status() {
        return status;
    }
}
