package io.github.srgandl4j.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proc status parser, against a hand-written status file. */
class ProcessMemoryTest {
    @TempDir
    Path tmp;

    @Test
    void procStatusFieldsAreReadInKib() throws Exception {
        Path status = tmp.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmPeak:\t 9999 kB\nVmHWM:\t  123456 kB\nVmRSS:\t   654 kB\n");
        assertEquals(123456, ProcessMemory.field(status, "VmHWM:"));
        assertEquals(654, ProcessMemory.field(status, "VmRSS:"));
        assertEquals(-1, ProcessMemory.field(status, "VmSwap:"));
        assertEquals(-1, ProcessMemory.field(tmp.resolve("absent"), "VmHWM:"));
    }
}
