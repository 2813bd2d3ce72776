package io.github.srgandl4j.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.srgandl4j.core.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/compare.sh}'s warm-up per case, with both tools replaced by stubs that log their command lines and
 * print a fixed result: train-campaign gets {@code --campaign-warmup} (default 20) warm-up runs in both tools, the
 * other cases {@code --warmup} (docs/performance.md, sections 8 and 23); a malformed count is a usage error.
 */
class CompareScriptTest {
    private static final Path SCRIPT = Path.of("../bench/compare.sh").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theCampaignGetsItsOwnWarmUpInBothTools() throws Exception {
        Run r = run("--rounds", "1", "--cases", "infer,train-campaign", "--runs", "3", "--warmup", "4");
        assertEquals(0, r.exit, r.stderr);
        List<String> ours = Files.readAllLines(dir.resolve("ours.log"));
        List<String> torch = Files.readAllLines(dir.resolve("torch.log"));
        assertEquals(List.of("bench --case infer --warmup 4 --runs 3 --threads 2",
                "bench --case train-campaign --warmup 20 --runs 3 --threads 2 --vgg-weights "
                        + SharedData.require("models/vgg19/vgg19_block3_notop_weights.h5")), ours);
        assertEquals(2, torch.size(), torch.toString());
        assertTrue(torch.get(0).contains("torch_srgan_peer.py --mode infer --threads 2 --warmup 4 --runs 3"), torch.get(0));
        assertTrue(torch.get(1).contains("torch_campaign_peer.py --mode train-campaign --threads 2 --warmup 20 --runs 3"),
                torch.get(1));
        assertTrue(r.stdout.contains("\"warmup\": 4") && r.stdout.contains("\"campaign_warmup\": 20"), r.stdout);
    }

    @Test
    void campaignWarmUpIsAnOption() throws Exception {
        Run r = run("--rounds", "1", "--cases", "train-campaign", "--runs", "2", "--campaign-warmup", "7");
        assertEquals(0, r.exit, r.stderr);
        assertTrue(Files.readString(dir.resolve("ours.log")).contains("--case train-campaign --warmup 7 --runs 2"));
        assertTrue(Files.readString(dir.resolve("torch.log")).contains("--mode train-campaign --threads 2 --warmup 7 --runs 2"));
        assertTrue(r.stdout.contains("train-campaign: 7 warm-up"), r.stdout);
    }

    @Test
    void aMalformedCountIsAUsageError() throws Exception {
        for (String[] args : List.of(new String[] {"--campaign-warmup", "x"}, new String[] {"--runs", "2x"},
                new String[] {"--warmup", "-1"})) {
            Run r = run(args);
            assertEquals(2, r.exit, String.join(" ", args) + ": " + r.stderr);
            assertTrue(r.stderr.contains("take a whole number, got '" + args[1] + "'"), r.stderr);
            assertTrue(r.stdout.isEmpty(), r.stdout);
        }
    }

    /** compare.sh with stub tools: our CLI and the PyTorch interpreter log their arguments and print a result. */
    private Run run(String... args) throws IOException, InterruptedException {
        Path python3 = requireTool("/usr/bin/python3");
        requireTool("/usr/bin/time");
        Path ours = script("ours", """
                #!/usr/bin/env bash
                echo "$*" >> "%s"
                case=""; prev=""
                for a in "$@"; do [[ "$prev" == --case ]] && case="$a"; prev="$a"; done
                echo "{\\"cases\\": {\\"$case\\": {\\"median_ms\\": 100.0}}}"
                """.formatted(dir.resolve("ours.log")));
        // torch's interpreter: the script's own checks ("-c ...") pass and print no BLAS, its summary program ("-")
        // runs in the real python3, a peer logs its arguments and prints a result
        Path python = script("python", """
                #!/usr/bin/env bash
                case "$1" in
                  -c) exit 0 ;;
                  -) exec "%s" "$@" ;;
                  *) echo "$*" >> "%s"; echo '{"median_ms": 125.0}' ;;
                esac
                """.formatted(python3, dir.resolve("torch.log")));
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--allow-reference-blas", "--out", dir.resolve("raw.jsonl").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("SRGAN_CMD", ours.toString());
        pb.environment().put("PYTHON", python.toString());
        pb.environment().put("SRGAN_SHARED", SharedData.root().toAbsolutePath().toString());
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("compare.sh did not finish within 120 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private Path script(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }

    /** The tool at {@code path}; skips the test where it is missing, and fails it under CI (which installs it). */
    private static Path requireTool(String path) {
        Path p = Path.of(path);
        if (!Files.isExecutable(p)) {
            SharedData.missing(path + " is missing (compare.sh needs it; .ci/run installs it)");
        }
        return p;
    }

    private record Run(int exit, String stdout, String stderr) {}
}
