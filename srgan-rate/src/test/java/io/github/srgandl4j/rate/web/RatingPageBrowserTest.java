package io.github.srgandl4j.rate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.rate.StudyFixture;
import io.github.srgandl4j.rate.store.RatingStore;
import io.github.srgandl4j.rate.study.StudyFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * End to end in headless Chromium: two raters at once (two browsers, one rating by keys, one by
 * mouse) join, go through the calibration, rate every item of a 3-method x 2-image study in their
 * own random order with the method hidden, one reloads the page mid-study and resumes at the same
 * item; then the results page's numbers are checked against values computed by hand.
 *
 * <p>The page never says which method an image is; the test tells it from the pixel colour
 * ({@link StudyFixture}: red encodes the method, green the image, blue the part), as a human
 * rater tells quality from the picture.
 */
class RatingPageBrowserTest {
    private static final List<String> METHODS = List.of("alpha", "beta", "gamma");
    private static final List<String> IMAGES = List.of("p", "q");
    /** The planned score of (method, image) for rater 0 and rater 1. */
    private static final Map<String, int[]> PLAN = Map.of(
            "alpha/p", new int[] {5, 4}, "alpha/q", new int[] {4, 5},
            "beta/p", new int[] {3, 3}, "beta/q", new int[] {2, 4},
            "gamma/p", new int[] {1, 2}, "gamma/q", new int[] {1, 1});

    @TempDir
    Path dir;

    @Test
    void twoRatersCalibrateRateReloadAndReport() throws Exception {
        Path study = Files.createDirectories(dir.resolve("study"));
        StudyFixture.write(study, METHODS, IMAGES);
        Chromium.browser(); // skips (fails under CI=true) where chromium or chromedriver is missing
        Chromium.driver();
        try (RatingStore store = RatingStore.open(StudyFolder.open(study));
                RatingServer server = RatingServer.builder(store).optPort(0).build().start()) {
            String url = "http://127.0.0.1:" + server.port() + "/";
            ChromeDriver[] d = new ChromeDriver[2];
            try {
                // the two browsers start in parallel (each takes seconds on a loaded machine)
                var second = java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> Chromium.start(dir.resolve("profile1"), 390, 844)); // phone-sized
                try {
                    d[0] = Chromium.start(dir.resolve("profile0"), 900, 900);
                } finally {
                    d[1] = second.join();
                }
                d[0].get(url);
                d[1].get(url);
                join(d[0], "ann");
                join(d[1], "");
                int[] studyDone = {0, 0};
                boolean reloaded = false;
                while (!done(d[0]) || !done(d[1])) {
                    for (int r = 0; r < 2; r++) {
                        if (done(d[r])) {
                            continue;
                        }
                        if (r == 0 && studyDone[0] == 3 && !reloaded) {
                            String item = shownItem(d[0]);
                            d[0].navigate().refresh();
                            assertEquals(item, shownItem(d[0]), "a reload resumes at the same item");
                            assertEquals("image 4 of 6", d[0].findElement(By.id("progress")).getText());
                            reloaded = true;
                        }
                        if (step(d[r], r)) {
                            studyDone[r]++;
                        }
                    }
                }
                assertTrue(reloaded);
                assertEquals(6, studyDone[0]);
                assertEquals(6, studyDone[1]);
                assertTrue(d[1].findElement(By.id("done")).getText().contains("All 6 images are rated"));

                d[0].get(url + "results");
                checkResults(d[0]);
            } finally {
                for (ChromeDriver x : d) {
                    if (x != null) {
                        x.quit();
                    }
                }
            }
        }
    }

    private static void join(WebDriver d, String name) {
        WebElement input = wait(d).until(x -> x.findElement(By.id("name")));
        input.sendKeys(name);
        d.findElement(By.id("start")).click();
    }

    private static boolean done(WebDriver d) {
        return "done".equals(d.findElement(By.id("done")).getAttribute("data-state"));
    }

    /** Waits until an image is shown and ready to rate; returns its opaque item id. */
    private static String shownItem(WebDriver d) {
        return wait(d).until(x -> {
            WebElement img = x.findElement(By.id("img"));
            String item = img.getAttribute("data-item");
            boolean ready = item != null && !item.isEmpty()
                    && x.findElement(By.cssSelector("#scores button[data-score='1']")).isEnabled();
            return ready ? item : null;
        });
    }

    /** Rates the shown item as planned; true if it was a study item. */
    private static boolean step(ChromeDriver d, int rater) {
        String item = shownItem(d);
        JavascriptExecutor js = d;
        @SuppressWarnings("unchecked")
        List<Long> rgb = (List<Long>) js.executeScript(
                "const img = document.getElementById('img');"
                        + "const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;"
                        + "const g = c.getContext('2d'); g.drawImage(img, 0, 0);"
                        + "const p = g.getImageData(2, 2, 1, 1).data; return [p[0], p[1], p[2],"
                        + " img.naturalWidth, Math.round(img.getBoundingClientRect().width)];");
        assertEquals(StudyFixture.WIDTH, rgb.get(3).intValue());
        assertEquals(StudyFixture.WIDTH, rgb.get(4).intValue(), "shown at its true size");
        int blue = rgb.get(2).intValue();
        if (blue != StudyFixture.BLUE_RATED) {
            int anchor = blue == 10 ? 1 : 5;
            assertEquals(blue == 10 ? 10 : 100, blue);
            String text = d.findElement(By.id("instruction")).getText();
            assertTrue(text.contains("example of a " + anchor), text);
            if (rater == 0) {
                // a wrong key in calibration is refused on the page and stores nothing
                press(d, rater, 3);
                assertTrue(d.findElement(By.id("msg")).getText().contains("press " + anchor));
                assertEquals(item, shownItem(d));
            }
            press(d, rater, anchor);
            wait(d).until(x -> !item.equals(x.findElement(By.id("img")).getAttribute("data-item")));
            return false;
        }
        assertEquals("Rating", d.findElement(By.id("phase")).getText());
        String method = METHODS.get(indexOf(rgb.get(0).intValue(), true));
        String image = IMAGES.get(indexOf(rgb.get(1).intValue(), false));
        String page = d.getPageSource();
        for (String m : METHODS) {
            assertTrue(!page.contains(m), "the page names method " + m);
        }
        press(d, rater, PLAN.get(method + "/" + image)[rater]);
        wait(d).until(x -> done(x) || !item.equals(x.findElement(By.id("img")).getAttribute("data-item")));
        return true;
    }

    private static int indexOf(int value, boolean red) {
        for (int i = 0; i < 3; i++) {
            if ((red ? StudyFixture.red(i) : StudyFixture.green(i)) == value) {
                return i;
            }
        }
        throw new AssertionError("unexpected colour value " + value);
    }

    /** Rater 0 uses the keyboard, rater 1 the mouse (the buttons). */
    private static void press(WebDriver d, int rater, int score) {
        if (rater == 0) {
            d.findElement(By.tagName("body")).sendKeys(Integer.toString(score));
        } else {
            d.findElement(By.cssSelector("#scores button[data-score='" + score + "']")).click();
        }
    }

    private static WebDriverWait wait(WebDriver d) {
        WebDriverWait w = new WebDriverWait(d, Duration.ofSeconds(30));
        w.pollingEvery(Duration.ofMillis(25));
        return w;
    }

    /**
     * The results against hand computation. Scores per method (both raters, both images):
     * alpha 5 4 4 5, beta 3 2 3 4, gamma 1 1 2 1; t(0.975, 3) = 3.1824463 (t table).
     * <ul>
     * <li>alpha: MOS 4.5; SD sqrt((4 * 0.25) / 3) = 0.5773503; half width 3.1824463 * 0.5773503 / 2 = 0.9186932
     *     -> [3.5813, 5.4187]
     * <li>beta: MOS 3; SD sqrt((0 + 1 + 0 + 1) / 3) = 0.8164966; half 3.1824463 * 0.8164966 / 2 = 1.2992284
     *     -> [1.7008, 4.2992]
     * <li>gamma: MOS 1.25; SD sqrt((3 * 0.0625 + 0.5625) / 3) = 0.5; half 3.1824463 * 0.25 = 0.7956116
     *     -> [0.4544, 2.0456]
     * </ul>
     * Mann-Whitney U (n = 4 + 4, each pair has tie groups whose sum(t^3 - t) = 36, so var U = 16/12 * (9 - 36/56)
     * = 11.1428571, sd 3.3380918; z = (|U - 8| - 0.5) / sd, p = 2 (1 - Phi(z))):
     * <ul>
     * <li>alpha vs beta: ranks of alpha 5, 5, 7.5, 7.5 -> R = 25, U = 25 - 10 = 15; z = 1.9472; p = 0.0515
     * <li>alpha vs gamma: alpha above every gamma -> U = 16; z = 7.5 / 3.3380918 = 2.2468; p = 0.0247
     * <li>beta vs gamma: beta's ranks 4.5 (2 ties gamma's 2), 6.5, 6.5, 8 -> R = 25.5, U = 15.5; z = 2.0970;
     *     p = 0.0360
     * </ul>
     */
    private static void checkResults(WebDriver d) {
        assertEquals("2 raters, 3 methods, 12 study ratings (calibration ratings not counted).",
                d.findElement(By.id("summary")).getText());
        assertEquals(List.of("alpha", "4", "4.5000", "0.5774", "[3.5813, 5.4187]", "0", "0", "0", "2", "2"), row(d, "alpha"));
        assertEquals(List.of("beta", "4", "3.0000", "0.8165", "[1.7008, 4.2992]", "0", "1", "2", "1", "0"), row(d, "beta"));
        assertEquals(List.of("gamma", "4", "1.2500", "0.5000", "[0.4544, 2.0456]", "3", "1", "0", "0", "0"), row(d, "gamma"));
        assertEquals(List.of("alpha vs beta", "15", "0.0515"), cells(d, "tr[data-pair='alpha|beta'] td"));
        assertEquals(List.of("alpha vs gamma", "16", "0.0247"), cells(d, "tr[data-pair='alpha|gamma'] td"));
        assertEquals(List.of("beta vs gamma", "15.5", "0.0360"), cells(d, "tr[data-pair='beta|gamma'] td"));
        assertTrue(d.findElement(By.tagName("svg")).isDisplayed());
    }

    private static List<String> row(WebDriver d, String method) {
        return cells(d, "tr[data-method='" + method + "'] td");
    }

    private static List<String> cells(WebDriver d, String css) {
        return d.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }
}
