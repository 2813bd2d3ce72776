package io.github.srgandl4j.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shared folder's precedence and the CI switch, as documented in {@link SharedData}. */
class SharedDataTest {
    private static Path abs(String p) {
        return Path.of(p).toAbsolutePath().normalize();
    }

    @Test
    void explicitPropertyThenEnvironmentThenPomDefaultThenRelative() {
        assertEquals(abs("/p"), SharedData.resolveRoot("/p", "/env", "/pom"));
        assertEquals(abs("/env"), SharedData.resolveRoot(null, "/env", "/pom"));
        assertEquals(abs("/env"), SharedData.resolveRoot("", "/env", "/pom"), "the pom passes an empty srgan.shared");
        assertEquals(abs("/env"), SharedData.resolveRoot(" ", "/env", "/pom"));
        assertEquals(abs("/pom"), SharedData.resolveRoot("", "", "/pom"));
        assertEquals(abs("../shared"), SharedData.resolveRoot(null, null, null));
    }

    @Test
    void underMavenTheEnvironmentVariableIsNotOverriddenByThePom() {
        // the pom must not set srgan.shared itself (it would win over SRGAN_SHARED); its default has its own name
        String prop = System.getProperty("srgan.shared");
        String env = System.getenv("SRGAN_SHARED");
        if (env != null && !env.isBlank() && (prop == null || prop.isBlank())) {
            assertEquals(abs(env), SharedData.root());
        }
        String pomDefault = System.getProperty("srgan.shared.default");
        if (pomDefault != null) { // under Maven
            assertTrue(pomDefault.endsWith("/../shared"), pomDefault);
        }
    }

    @Test
    void ciIsTrueOneOrYes() {
        for (String v : new String[] {"true", "TRUE", "1", "yes", "Yes", " true "}) {
            assertTrue(SharedData.isCi(v), v);
        }
        for (String v : new String[] {null, "", "0", "false", "no", "maybe"}) {
            assertFalse(SharedData.isCi(v), String.valueOf(v));
        }
    }
}
