package io.srs.rtmp.chunk;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.kernel.media.MediaMessage;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Test helpers: decode a whole input, and check that every way of fragmenting it decodes alike. */
final class Decoding {
    private Decoding() {
    }

    /** {@code n} bytes of a fixed, non-repeating-looking pattern. */
    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("[\\s_|]+", ""));
    }

    /** Reads messages until the input ends cleanly between messages. */
    static List<MediaMessage> readAll(InputStream in, ChunkLimits limits) {
        ChunkReader reader = new ChunkReader(in, limits);
        List<MediaMessage> out = new ArrayList<>();
        while (true) {
            long before = reader.bytesRead();
            try {
                out.add(reader.readMessage());
            } catch (SrsException e) {
                if (e.code() == ErrorCode.SOCKET_READ && "peer closed".equals(e.getMessage())) {
                    return out;
                }
                throw e;
            }
            if (reader.bytesRead() < before) {
                fail("byte counter went backwards");
            }
        }
    }

    static List<MediaMessage> readAll(byte[] data) {
        return readAll(new PieceInputStream(data), ChunkLimits.DEFAULT);
    }

    /**
     * Decodes {@code data} whole, in 1-byte reads and split at every position, asserts all give
     * the same messages, and returns them.
     */
    static List<MediaMessage> decodeAllWays(byte[] data) {
        return decodeAllWays(data, ChunkLimits.DEFAULT);
    }

    static List<MediaMessage> decodeAllWays(byte[] data, ChunkLimits limits) {
        List<MediaMessage> whole = readAll(new PieceInputStream(data), limits);
        assertEquals(whole, readAll(PieceInputStream.oneByteReads(data), limits), "1-byte reads");
        for (int split = 1; split < data.length; split++) {
            assertEquals(whole, readAll(new PieceInputStream(data, split), limits), "split at " + split);
        }
        return whole;
    }

    /** Expects decoding (whole and in 1-byte reads) to fail with {@code code}. */
    static SrsException decodeFails(byte[] data, ChunkLimits limits, ErrorCode code) {
        SrsException first = null;
        for (InputStream in : List.of(new PieceInputStream(data), PieceInputStream.oneByteReads(data))) {
            try {
                readAll(in, limits);
                fail("expected " + code);
            } catch (SrsException e) {
                assertEquals(code, e.code(), e.describe());
                if (first == null) {
                    first = e;
                }
            }
        }
        return first;
    }
}
