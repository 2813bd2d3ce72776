package io.github.srgandl4j.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OmpWaitPolicyCheckTest {
    @Test
    void unsetOrActiveIsWarnedAboutWithTheFix() {
        for (String v : new String[] {null, "", "  ", "ACTIVE", "active", " Active "}) {
            Optional<String> w = OmpWaitPolicyCheck.warning(v);
            assertTrue(w.isPresent(), "value " + v);
            assertTrue(w.get().contains("OMP_WAIT_POLICY=PASSIVE"), w.get());
        }
        assertTrue(OmpWaitPolicyCheck.warning(null).get().startsWith("OMP_WAIT_POLICY is unset"));
        assertTrue(OmpWaitPolicyCheck.warning("active").get().startsWith("OMP_WAIT_POLICY is 'active'"));
    }

    @Test
    void passiveIsAccepted() {
        assertEquals(Optional.empty(), OmpWaitPolicyCheck.warning("PASSIVE"));
        assertEquals(Optional.empty(), OmpWaitPolicyCheck.warning("passive"));
    }

    @Test
    void checksOncePerJvm() {
        OmpWaitPolicyCheck.warnOnce(); // may or may not be the first call, depending on test order
        assertFalse(OmpWaitPolicyCheck.warnOnce());
        assertFalse(OmpWaitPolicyCheck.warnOnce());
    }
}
