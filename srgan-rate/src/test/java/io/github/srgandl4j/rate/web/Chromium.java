package io.github.srgandl4j.rate.web;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for browser tests: Debian's {@code chromium} and {@code chromium-driver}
 * (found on the PATH, or through {@code CHROMIUM} and {@code CHROMEDRIVER}). Where either is
 * absent the test is skipped with a message, except under CI ({@code CI=true}), where it fails:
 * .ci/run installs both.
 */
final class Chromium {
    private Chromium() {}

    /** The browser, or a skip (a failure under CI) naming what is missing. */
    static Path browser() {
        return find("CHROMIUM", "chromium", "chromium-browser");
    }

    /** The driver, or a skip (a failure under CI) naming what is missing. */
    static Path driver() {
        return find("CHROMEDRIVER", "chromedriver");
    }

    /** A new headless browser with its own profile in {@code profile}, device pixel ratio 1. */
    static ChromeDriver start(Path profile, int width, int height) {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(browser().toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                "--disable-extensions", "--force-device-scale-factor=1", "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver().toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        return new ChromeDriver(service, o);
    }

    private static Path find(String env, String... names) {
        String given = System.getenv(env);
        if (given != null && !given.isBlank() && Files.isExecutable(Path.of(given))) {
            return Path.of(given);
        }
        String pathVar = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String name : names) {
            for (String d : pathVar.split(File.pathSeparator)) {
                Path p = Path.of(d.isEmpty() ? "." : d, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        String msg = names[0] + " not found on the PATH (nor " + env + "); install Debian's chromium and "
                + "chromium-driver: apt-get install -y chromium chromium-driver";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true and " + msg);
        }
        assumeTrue(false, "skipped: " + msg);
        return null;
    }
}
