package io.srs.research.load;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SocketTuningTest {
    @Test
    void setsTheLowWatermarkOnLinux() throws IOException {
        assumeTrue(System.getProperty("os.name", "").toLowerCase().contains("linux"));
        // Surefire's JVM has no Add-Opens manifest entry; the jar has (see pom.xml).
        assumeTrue(SocketTuning.available(), () -> "unavailable here: " + SocketTuning.problem());
        try (ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            assertTrue(SocketTuning.setReceiveLowWatermark(client, 16384));
            assertTrue(accepted.isConnected());
        }
    }

    @Test
    void closedChannelIsRefusedNotThrown() throws IOException {
        assumeTrue(SocketTuning.available());
        SocketChannel ch = SocketChannel.open();
        ch.close();
        assertFalse(SocketTuning.setReceiveLowWatermark(ch, 16384));
    }
}
