package io.srs.rtmp.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;
import io.srs.core.SrsException;
import io.srs.rtmp.handshake.ServerHandshake;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;

/** Fuzz target: a client's C0, C1 and C2 (simple and complex schemes) against our server side. */
@Tag("fuzz")
class HandshakeFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void serverHandshake(byte[] data) {
        try {
            new ServerHandshake().perform(new ByteArrayInputStream(data), OutputStream.nullOutputStream());
        } catch (SrsException expected) {
            // short or invalid handshake: refused
        }
    }
}
