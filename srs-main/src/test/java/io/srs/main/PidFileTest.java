package io.srs.main;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PidFileTest {
    @TempDir
    Path dir;

    @Test
    void writesThePidAndRemovesTheFileOnClose() throws Exception {
        Path p = dir.resolve("objs/srs.pid");
        try (PidFile f = PidFile.acquire(p, 4242)) {
            assertEquals("4242", Files.readString(p).trim());
        }
        assertFalse(Files.exists(p));
    }

    @Test
    void aStaleFileIsTakenOver() throws Exception {
        Path p = dir.resolve("srs.pid");
        Files.writeString(p, "999999\n");
        try (PidFile f = PidFile.acquire(p, 7)) {
            assertEquals("7", Files.readString(p).trim());
        }
    }

    @Test
    void aDirectoryThatCannotBeMadeIsOneClearError() throws Exception {
        Files.writeString(dir.resolve("objs"), "a file where the pid directory should be");
        SrsException e = assertThrows(SrsException.class, () -> PidFile.acquire(dir.resolve("objs/srs.pid"), 1));
        assertTrue(e.getMessage().startsWith("cannot write pid file " + dir.resolve("objs/srs.pid")), e.getMessage());
        assertTrue(e.getMessage().contains("is not a directory") && e.getMessage().endsWith("change pid"),
                e.getMessage());
    }
}
