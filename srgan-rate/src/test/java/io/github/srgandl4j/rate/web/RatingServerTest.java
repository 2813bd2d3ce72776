package io.github.srgandl4j.rate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.rate.Json;
import io.github.srgandl4j.rate.StudyFixture;
import io.github.srgandl4j.rate.store.RatingStore;
import io.github.srgandl4j.rate.study.StudyFolder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's HTTP API without a browser: joining, resuming, refused requests, restarts and concurrent raters. */
class RatingServerTest {
    private static final List<String> METHODS = List.of("alphamethod", "betamethod");
    private static final List<String> IMAGES = List.of("img1", "img2");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private RatingStore store;
    private RatingServer server;

    @BeforeEach
    void start() throws IOException {
        StudyFixture.write(dir, METHODS, IMAGES);
        open();
    }

    private void open() throws IOException {
        store = RatingStore.open(StudyFolder.open(dir));
        server = RatingServer.builder(store).optPort(0).build().start();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        store.close();
    }

    private record Answer(int status, String body, Map<String, Object> json) {}

    private Answer send(String method, String path, String body, String type) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", type);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> json = null;
        if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/json") && !path.startsWith("/results")) {
            // flatten the nested "next" object for the assertions: its members are what the tests look at
            String s = r.body().replaceFirst(", \"next\": \\{", ", ").replaceFirst("\\{\"stored\": true, \"next\": \\{", "{")
                    .replaceFirst("}}$", "}");
            json = Json.parseFlatObject(s);
        }
        return new Answer(r.statusCode(), r.body(), json);
    }

    private Answer post(String path, String json) throws Exception {
        return send("POST", path, json, "application/json");
    }

    private Answer join(String name) throws Exception {
        return post("/api/raters", "{\"name\": " + Json.str(name) + "}");
    }

    private Answer rate(String rater, Object item, Object score) throws Exception {
        return post("/api/ratings", "{\"rater\": " + Json.str(rater) + ", \"item\": " + Json.str((String) item)
                + ", \"score\": " + score + "}");
    }

    private int storedRatings() throws Exception {
        return send("GET", "/results/ratings.csv", null, null).body().split("\n").length - 1;
    }

    /** Rates a rater's calibration with the anchors' scores; returns the first study answer. */
    private Answer calibrate(String rater, Answer next) throws Exception {
        while ("calibration".equals(next.json().get("phase"))) {
            next = rate(rater, next.json().get("item"), ((Double) next.json().get("anchor")).intValue());
            assertEquals(201, next.status(), next.body());
        }
        return next;
    }

    @Test
    void joinsResumesAndNeverLeaksMethodNames() throws Exception {
        Answer alice = join("alice");
        assertEquals(201, alice.status(), alice.body());
        String id = (String) alice.json().get("rater");
        assertEquals("calibration", alice.json().get("phase"));
        assertEquals(2.0, alice.json().get("calibration_total"));
        assertEquals(4.0, alice.json().get("study_total"));
        Answer again = join("alice");
        assertEquals(200, again.status());
        assertEquals(id, again.json().get("rater"));
        assertEquals(false, again.json().get("created"));
        Answer byId = join(id);
        assertEquals(id, byId.json().get("rater"));
        Answer anonymous = join("");
        assertEquals(201, anonymous.status());
        assertEquals(anonymous.json().get("rater"), anonymous.json().get("name"), "an id for a rater without a name");

        Answer next = calibrate(id, alice);
        assertEquals("study", next.json().get("phase"));
        List<String> seen = new ArrayList<>();
        while (!"done".equals(next.json().get("phase"))) {
            String item = (String) next.json().get("item");
            seen.add(item);
            HttpResponse<byte[]> img = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + next.json().get("image"))).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, img.statusCode());
            assertEquals("image/png", img.headers().firstValue("Content-Type").orElse(""));
            assertFalse(img.headers().map().toString().contains("method"), img.headers().map().toString());
            for (String m : METHODS) {
                assertFalse(next.body().contains(m), next.body());
                assertFalse(item.contains(m));
            }
            next = rate(id, item, 3);
            assertEquals(201, next.status(), next.body());
        }
        assertEquals(4, seen.size());
        assertEquals(4, seen.stream().distinct().count());
        String page = send("GET", "/", null, null).body();
        for (String m : METHODS) {
            assertFalse(page.contains(m));
        }
        assertTrue(page.contains("<script>") && !page.contains("src=\"http"), "inline script, nothing external");
    }

    @Test
    void refusesBadRequestsAndChangesNothing() throws Exception {
        String alice = (String) join("alice").json().get("rater");
        Answer bob = join("bob");
        String bobId = (String) bob.json().get("rater");
        Answer bobStudy = calibrate(bobId, bob);
        String studyItem = (String) bobStudy.json().get("item");
        Answer aliceNext = send("GET", "/api/raters/" + alice + "/next", null, null);
        String calItem = (String) aliceNext.json().get("item");
        int anchor = ((Double) aliceNext.json().get("anchor")).intValue();
        int before = storedRatings();
        assertEquals(2, before);

        assertRefused(404, "unknown rater 'nobody'", rate("nobody", studyItem, 3));
        assertRefused(404, "unknown rater 'nobody'", send("GET", "/api/raters/nobody/next", null, null));
        assertRefused(404, "item 'no-such-item' is not in this study", rate(bobId, "no-such-item", 3));
        assertRefused(400, "score must be an integer from 1 to 5, got 0", rate(bobId, studyItem, 0));
        assertRefused(400, "score must be an integer from 1 to 5, got 6", rate(bobId, studyItem, 6));
        assertRefused(400, "score\\\" must be an integer from 1 to 5, got 2.5", rate(bobId, studyItem, 2.5));
        assertRefused(400, "score\\\" must be an integer from 1 to 5, got 3", rate(bobId, studyItem, "\"3\""));
        assertRefused(400, "item\\\" must be a non-empty string", post("/api/ratings", "{\"rater\": \"" + bobId + "\"}"));
        assertRefused(400, "invalid JSON", post("/api/ratings", "{\"rater\": "));
        assertRefused(400, "must be JSON", send("POST", "/api/ratings", "rater=x", "application/x-www-form-urlencoded"));
        assertRefused(405, "GET is not allowed here; use POST", send("GET", "/api/ratings", null, null));
        assertRefused(404, "no image 'nope' in this study", send("GET", "/img/nope", null, null));
        assertRefused(404, "no such page", send("GET", "/admin", null, null));
        assertRefused(409, "calibration not finished (0 of 2 done)", rate(alice, studyItem, 3));
        assertRefused(400, "is the reference for score " + anchor + ", got " + (6 - anchor), rate(alice, calItem, 6 - anchor));
        assertRefused(400, "name too long", join("x".repeat(41)));
        assertEquals(before, storedRatings(), "refused requests store nothing");

        assertEquals(201, rate(bobId, studyItem, 4).status());
        assertRefused(409, "already rated by this rater (score 4)", rate(bobId, studyItem, 2));
        assertEquals(before + 1, storedRatings());
        assertTrue(send("GET", "/results/ratings.csv", null, null).body().contains(",study,") );
    }

    private static void assertRefused(int status, String message, Answer a) {
        assertEquals(status, a.status(), a.body());
        assertTrue(a.body().startsWith("{\"error\": ") && a.body().contains(message), a.body());
    }

    @Test
    void restartKeepsRatingsAndOrder() throws Exception {
        Answer alice = join("alice");
        String id = (String) alice.json().get("rater");
        Answer next = calibrate(id, alice);
        next = rate(id, next.json().get("item"), 5);
        String pending = (String) next.json().get("item");
        assertEquals(2.0, next.json().get("position"));
        stop();
        open();
        Answer resumed = send("GET", "/api/raters/" + id + "/next", null, null);
        assertEquals(pending, resumed.json().get("item"));
        assertEquals(2.0, resumed.json().get("position"));
        assertEquals(3, storedRatings());
    }

    @Test
    void aChangedFolderIsRefused() throws Exception {
        stop();
        StudyFixture.write(dir, List.of("alphamethod", "betamethod", "gammamethod"), IMAGES);
        IOException e = assertThrows(IOException.class, () -> RatingStore.open(StudyFolder.open(dir)));
        assertTrue(e.getMessage().contains("new: study:gammamethod/img1"), e.getMessage());
        java.nio.file.Files.walk(dir.resolve("methods/gammamethod")).sorted(java.util.Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());
        open();
    }

    @Test
    void concurrentRatersNeverClash() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> raters = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                String name = "rater" + r;
                raters.add(pool.submit(() -> {
                    Answer a = join(name);
                    String id = (String) a.json().get("rater");
                    Answer next = calibrate(id, a);
                    int n = 0;
                    while (!"done".equals(next.json().get("phase"))) {
                        next = rate(id, next.json().get("item"), 1 + n % 5);
                        assertEquals(201, next.status(), next.body());
                        n++;
                    }
                    return n;
                }));
            }
            for (Future<Integer> f : raters) {
                assertEquals(4, f.get());
            }
            assertEquals(4 * 6, storedRatings());
            // eight simultaneous ratings of one item by one rater: exactly one is stored
            Answer late = join("late");
            String id = (String) late.json().get("rater");
            String item = (String) calibrate(id, late).json().get("item");
            List<Callable<Integer>> same = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                same.add(() -> rate(id, item, 2).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(same)) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
            assertEquals(4 * 6 + 3, storedRatings());
        } finally {
            pool.shutdownNow();
        }
    }
}
