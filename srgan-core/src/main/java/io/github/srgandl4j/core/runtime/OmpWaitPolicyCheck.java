package io.github.srgandl4j.core.runtime;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns once per JVM when the OpenMP wait policy of ND4J's native library is the spinning default.
 *
 * <p>ND4J's CPU backend runs each op on OpenMP threads. With {@code OMP_WAIT_POLICY} unset (or
 * {@code ACTIVE}) idle threads spin between the ~1,300 small ops of a training step, which on a
 * machine with other work made 3 pretraining steps take 38.6-43.6 s instead of 7.3-7.5 s, and
 * inference about 1.5x slower (issue 18; docs/performance.md). The policy is read when the native
 * library loads, so only the environment of the JVM can set it: a running program cannot fix it,
 * only say so. The library's model loaders, the ONNX importer and the trainer call {@link #warnOnce()}.
 */
public final class OmpWaitPolicyCheck {
    private static final Logger LOG = LoggerFactory.getLogger(OmpWaitPolicyCheck.class);
    private static final AtomicBoolean CHECKED = new AtomicBoolean();

    private OmpWaitPolicyCheck() {}

    /**
     * Checks the environment the first time it is called and logs one WARN if the policy spins.
     *
     * @return true if this call was the first (the check ran), false afterwards
     */
    public static boolean warnOnce() {
        if (!CHECKED.compareAndSet(false, true)) {
            return false;
        }
        warning(System.getenv("OMP_WAIT_POLICY")).ifPresent(LOG::warn);
        return true;
    }

    /** The warning for an {@code OMP_WAIT_POLICY} value ({@code null} when unset), empty if the value is fine. */
    static Optional<String> warning(String value) {
        if (value != null && !value.isBlank() && !value.trim().toUpperCase(Locale.ROOT).equals("ACTIVE")) {
            return Optional.empty();
        }
        String now = value == null ? "unset" : "'" + value + "'";
        return Optional.of("OMP_WAIT_POLICY is " + now + ": ND4J's OpenMP threads spin between ops, which makes training"
                + " up to 5x and inference about 1.5x slower on a busy machine. Start the JVM with the environment"
                + " variable OMP_WAIT_POLICY=PASSIVE (e.g. `OMP_WAIT_POLICY=PASSIVE java ...`, or"
                + " <environmentVariables> in Maven Surefire/exec); it cannot be changed once the JVM runs."
                + " See docs/library.md.");
    }
}
