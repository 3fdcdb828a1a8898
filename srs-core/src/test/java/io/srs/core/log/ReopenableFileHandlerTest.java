package io.srs.core.log;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReopenableFileHandlerTest {
    /**
     * A thread whose interrupt status is set (a connection's virtual thread being closed) logs
     * its line, keeps its interrupt status, and the log goes on for everyone: a FileChannel
     * written by an interrupted thread closes itself for good otherwise.
     */
    @Test
    void anInterruptedLoggerNeitherLosesItsLineNorClosesTheLog(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("srs.log");
        ReopenableFileHandler h = new ReopenableFileHandler(file, new LogFormat(true));
        boolean[] stillInterrupted = new boolean[1];
        Thread t = Thread.ofVirtual().unstarted(() -> {
            Thread.currentThread().interrupt();
            h.publish(new LogRecord(Level.INFO, "from an interrupted thread"));
            stillInterrupted[0] = Thread.currentThread().isInterrupted();
        });
        t.start();
        t.join();
        h.publish(new LogRecord(Level.INFO, "after it"));
        h.close();
        String text = Files.readString(file);
        assertTrue(text.contains("from an interrupted thread"), text);
        assertTrue(text.contains("after it"), text);
        assertTrue(stillInterrupted[0], "the logger's interrupt status is kept");
        assertEquals(0, h.lostLines());
    }
}
