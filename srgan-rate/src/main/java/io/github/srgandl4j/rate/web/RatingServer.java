package io.github.srgandl4j.rate.web;

import io.github.srgandl4j.rate.Json;
import io.github.srgandl4j.rate.stats.DistributionFigure;
import io.github.srgandl4j.rate.stats.RatingStatistics;
import io.github.srgandl4j.rate.stats.ReportFormats;
import io.github.srgandl4j.rate.stats.StudyReport;
import io.github.srgandl4j.rate.store.NextItem;
import io.github.srgandl4j.rate.store.Rater;
import io.github.srgandl4j.rate.store.RatingException;
import io.github.srgandl4j.rate.store.RatingStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The study's web server (Jetty 12): the rating page, its JSON API, the images under opaque item
 * ids, and the results. Everything is served from the jar and the study folder: no external
 * scripts, fonts or CDNs.
 *
 * <pre>
 * GET  /                      the rating page
 * POST /api/raters            {"name": "..."} join or resume (empty name: a new id) -> rater and next item
 * GET  /api/raters/ID/next    where rater ID stands
 * POST /api/ratings           {"rater": ID, "item": ITEM, "score": 1..5} -> 201 and the next item
 * GET  /img/ITEM              the item's image (the method never appears in a URL, header or page)
 * GET  /results               results page; /results/report.json, /results/ratings.csv, /results/figure.svg
 * </pre>
 *
 * Refused requests get a 4xx status and {@code {"error": "..."}}, and change nothing. The results
 * and exports, which name the methods, are served only to clients on the server's own machine
 * (loopback), so raters on other devices stay blind.
 */
public final class RatingServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RatingServer.class);
    private static final int MAX_BODY = 16 * 1024;
    private static final String JSON = "application/json; charset=utf-8";

    private final RatingStore store;
    private final Server server;
    private final ServerConnector connector;
    private final byte[] page;

    private RatingServer(Builder b) {
        this.store = b.store;
        QueuedThreadPool pool = new QueuedThreadPool(16, 2);
        pool.setName("srgan-rate");
        this.server = new Server(pool);
        this.connector = new ServerConnector(server, 1, 1);
        connector.setHost(b.host);
        connector.setPort(b.port);
        server.addConnector(connector);
        server.setHandler(new Routes());
        try (InputStream in = RatingServer.class.getResourceAsStream("/io/github/srgandl4j/rate/rate.html")) {
            this.page = Objects.requireNonNull(in, "rate.html missing from the jar").readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A builder serving {@code store}. */
    public static Builder builder(RatingStore store) {
        return new Builder(store);
    }

    /** Starts serving; fails if the port is taken. */
    public RatingServer start() throws IOException {
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // stopping a server that did not start
            }
            throw new IOException("cannot serve on " + connector.getHost() + ":" + connector.getPort() + ": " + e.getMessage(),
                    e);
        }
        LOG.info("rating study served on http://{}:{}/", connector.getHost(), port());
        return this;
    }

    /** The port served on (the actual one when built with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws IOException {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IOException("stopping the rating server: " + e.getMessage(), e);
        }
    }

    private final class Routes extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            response.getHeaders().put("Referrer-Policy", "no-referrer");
            try {
                if (path.equals("/") || path.equals("/index.html")) {
                    requireMethod(method, "GET");
                    response.getHeaders().put("Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline'; "
                            + "style-src 'unsafe-inline'; img-src 'self'; connect-src 'self'");
                    send(response, callback, 200, "text/html; charset=utf-8", page);
                } else if (path.equals("/api/raters")) {
                    requireMethod(method, "POST");
                    Map<String, Object> body = body(request);
                    Object name = body.getOrDefault("name", "");
                    if (name != null && !(name instanceof String)) {
                        throw RatingException.badRequest("\"name\" must be a string");
                    }
                    Rater r = store.join((String) name);
                    sendJson(response, callback, r.created() ? 201 : 200, "{\"rater\": " + Json.str(r.id()) + ", \"name\": "
                            + Json.str(r.name()) + ", \"created\": " + r.created() + ", \"next\": "
                            + nextJson(store.next(r.id())) + "}");
                } else if (path.startsWith("/api/raters/") && path.endsWith("/next")) {
                    requireMethod(method, "GET");
                    String id = path.substring("/api/raters/".length(), path.length() - "/next".length());
                    sendJson(response, callback, 200, nextJson(store.next(id)));
                } else if (path.equals("/api/ratings")) {
                    requireMethod(method, "POST");
                    Map<String, Object> body = body(request);
                    String rater = stringField(body, "rater");
                    String item = stringField(body, "item");
                    Object score = body.get("score");
                    if (!(score instanceof Double d) || d != Math.rint(d)) {
                        throw RatingException.badRequest("\"score\" must be an integer from 1 to 5, got "
                                + (score == null ? "nothing" : score));
                    }
                    if (d < 1 || d > 5) {
                        throw RatingException.badRequest("score must be an integer from 1 to 5, got " + Json.num(d));
                    }
                    NextItem next = store.rate(rater, item, d.intValue());
                    sendJson(response, callback, 201, "{\"stored\": true, \"next\": " + nextJson(next) + "}");
                } else if (path.startsWith("/img/")) {
                    requireMethod(method, "GET");
                    Optional<Path> file = store.imageFile(path.substring("/img/".length()));
                    if (file.isEmpty()) {
                        throw RatingException.notFound("no image '" + path.substring(5) + "' in this study");
                    }
                    byte[] bytes = Files.readAllBytes(file.get());
                    boolean png = bytes.length > 1 && (bytes[0] & 0xFF) == 0x89;
                    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "private, max-age=3600");
                    send(response, callback, 200, png ? "image/png" : "image/jpeg", bytes);
                } else if (path.equals("/results") || path.startsWith("/results/")) {
                    requireMethod(method, "GET");
                    requireLocal(request);
                    StudyReport report = RatingStatistics.report(store.methods(), store.ratings());
                    switch (path) {
                        case "/results" -> send(response, callback, 200, "text/html; charset=utf-8",
                                utf8(ResultsPage.html(report)));
                        case "/results/report.json" -> sendJson(response, callback, 200, ReportFormats.json(report));
                        case "/results/ratings.csv" -> send(response, callback, 200, "text/csv; charset=utf-8",
                                utf8(ReportFormats.csv(report.ratings())));
                        case "/results/figure.svg" -> send(response, callback, 200, "image/svg+xml",
                                utf8(DistributionFigure.svg(report.methods())));
                        default -> throw RatingException.notFound("no such page: " + path);
                    }
                } else {
                    throw RatingException.notFound("no such page: " + path);
                }
            } catch (RatingException e) {
                sendJson(response, callback, e.status(), "{\"error\": " + Json.str(e.getMessage()) + "}");
            } catch (MethodNotAllowed e) {
                response.getHeaders().put(HttpHeader.ALLOW, e.getMessage());
                sendJson(response, callback, 405, "{\"error\": " + Json.str(method + " is not allowed here; use "
                        + e.getMessage()) + "}");
            } catch (Forbidden e) {
                sendJson(response, callback, 403, "{\"error\": " + Json.str(e.getMessage()) + "}");
            } catch (IOException | RuntimeException e) {
                LOG.error("{} {}: {}", method, path, e.toString(), e);
                sendJson(response, callback, 500, "{\"error\": " + Json.str("server error: " + e.getMessage()) + "}");
            }
            return true;
        }

        private Map<String, Object> body(Request request) throws RatingException, IOException {
            String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                throw RatingException.badRequest("the request body must be JSON (Content-Type: application/json)");
            }
            byte[] bytes;
            try (InputStream in = Content.Source.asInputStream(request)) {
                bytes = in.readNBytes(MAX_BODY + 1);
            }
            if (bytes.length > MAX_BODY) {
                throw RatingException.badRequest("request body larger than " + MAX_BODY + " bytes");
            }
            try {
                return Json.parseFlatObject(new String(bytes, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw RatingException.badRequest(e.getMessage());
            }
        }
    }

    private static String stringField(Map<String, Object> body, String name) throws RatingException {
        Object v = body.get(name);
        if (!(v instanceof String s) || s.isEmpty()) {
            throw RatingException.badRequest("\"" + name + "\" must be a non-empty string");
        }
        return s;
    }

    static String nextJson(NextItem n) {
        return "{\"phase\": " + Json.str(n.phase().name().toLowerCase(Locale.ROOT)) + ", \"item\": " + Json.str(n.item())
                + ", \"image\": " + (n.item() == null ? "null" : Json.str("/img/" + n.item())) + ", \"anchor\": "
                + (n.anchor() == null ? "null" : n.anchor()) + ", \"position\": " + n.position()
                + ", \"calibration_total\": " + n.calibrationTotal() + ", \"study_total\": " + n.studyTotal()
                + ", \"study_done\": " + n.studyDone() + "}";
    }

    private static void requireMethod(String method, String allowed) throws MethodNotAllowed {
        if (!allowed.equals(method) && !("GET".equals(allowed) && "HEAD".equals(method))) {
            throw new MethodNotAllowed(allowed);
        }
    }

    private static void requireLocal(Request request) throws Forbidden {
        SocketAddress a = request.getConnectionMetaData().getRemoteSocketAddress();
        if (!(a instanceof InetSocketAddress ia) || ia.getAddress() == null || !ia.getAddress().isLoopbackAddress()) {
            throw new Forbidden("the results name the methods and are shown only on the machine running the study "
                    + "(open them there, or use 'srgan rate --report')");
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void sendJson(Response response, Callback callback, int status, String json) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        send(response, callback, status, JSON, utf8(json));
    }

    private static void send(Response response, Callback callback, int status, String type, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Integer.toString(body.length));
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static final class MethodNotAllowed extends Exception {
        MethodNotAllowed(String allowed) {
            super(allowed);
        }
    }

    private static final class Forbidden extends Exception {
        Forbidden(String message) {
            super(message);
        }
    }

    /** Configures a {@link RatingServer}. */
    public static final class Builder {
        private final RatingStore store;
        private String host = "127.0.0.1";
        private int port = 8080;

        private Builder(RatingStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** The address to bind (default 127.0.0.1: this machine only; 0.0.0.0 for every interface). */
        public Builder optHost(String h) {
            this.host = Objects.requireNonNull(h, "host");
            return this;
        }

        /** The port (default 8080; 0 picks a free one, see {@link #port()}). */
        public Builder optPort(int p) {
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, got " + p);
            }
            this.port = p;
            return this;
        }

        public RatingServer build() {
            return new RatingServer(this);
        }
    }
}
