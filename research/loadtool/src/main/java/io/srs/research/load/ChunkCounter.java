package io.srs.research.load;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.rtmp.chunk.ChunkHeaders;
import io.srs.rtmp.chunk.ChunkWriter;
import io.srs.rtmp.chunk.ControlMessages;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * The lean receive path of a player: reads the socket in big blocks into one reused buffer and
 * parses only chunk headers (spec 5.3), skipping payloads without copying them. It counts
 * bytes, audio and video messages, notes when the first video keyframe (not a sequence header)
 * arrives, follows Set Chunk Size and Abort, and answers what a real player must answer:
 * Acknowledgements for the server's window and Ping Requests.
 *
 * <p>Only the few bytes a decision needs are looked at: a control message's body (at most 64
 * bytes) and the first two bytes of video messages until the first frame was seen.
 *
 * <p>Not thread-safe: the player's own thread only.
 */
final class ChunkCounter {
    /** Chunk stream ids are looked up in arrays; servers use small ones. */
    static final int MAX_CSID = 320;
    private static final int MAX_CONTROL_SIZE = 64;
    private static final int U24_EXTENDED = 0xFFFFFF;

    private final ReadableByteChannel ch;
    private final ByteBuffer buf;
    private final ChunkWriter replies;
    private final ClientStats stats;
    private final Runnable afterFirstFrame;

    private int pos;
    private int lim;
    private int chunkSize;
    private long windowAckSize;
    private long received;
    private long lastAck;
    private boolean afterFirstFrameRan;

    private final int[] length = new int[MAX_CSID];
    private final int[] type = new int[MAX_CSID];
    private final int[] remaining = new int[MAX_CSID];
    private final boolean[] extended = new boolean[MAX_CSID];
    private final boolean[] seen = new boolean[MAX_CSID];

    /**
     * @param buf       the read buffer (its whole capacity is used); may already hold bytes
     *                  from position 0 to its position, read by the dialogue
     * @param received        bytes received on the connection so far (for acknowledgements)
     * @param afterFirstFrame runs once, on the first read after the first keyframe arrived
     *                        (the player sets SO_RCVLOWAT there)
     */
    ChunkCounter(ReadableByteChannel ch, OutputStream out, ByteBuffer buf, int chunkSize, long windowAckSize,
                 long received, ClientStats stats, Runnable afterFirstFrame) {
        this.ch = ch;
        this.buf = buf;
        this.replies = new ChunkWriter(out, 256);
        this.stats = stats;
        this.afterFirstFrame = afterFirstFrame;
        this.chunkSize = chunkSize;
        this.windowAckSize = windowAckSize;
        this.received = received;
        this.lastAck = received;
        this.lim = buf.position();
        this.pos = 0;
    }

    /** Parses until the connection ends (which throws). */
    void run() throws IOException {
        while (true) {
            chunk();
        }
    }

    private void chunk() throws IOException {
        need(1);
        int b0 = u8(pos);
        int fmt = b0 >>> 6;
        int csid = b0 & 0x3f;
        int basic = 1;
        if (csid == 0) {
            need(2);
            csid = 64 + u8(pos + 1);
            basic = 2;
        } else if (csid == 1) {
            need(3);
            csid = 64 + u8(pos + 1) + (u8(pos + 2) << 8);
            basic = 3;
        }
        if (csid >= MAX_CSID) {
            throw new SrsException(ErrorCode.RTMP_CHUNK_STREAMS_EXCEED, "lean parser: chunk stream " + csid);
        }
        int mh = switch (fmt) {
            case 0 -> 11;
            case 1 -> 7;
            case 2 -> 3;
            default -> 0;
        };
        need(basic + mh);
        int p = pos + basic;
        boolean ext;
        if (fmt < 3) {
            ext = u24(p) == U24_EXTENDED;
            extended[csid] = ext;
            if (fmt <= 1) {
                length[csid] = u24(p + 3);
                type[csid] = u8(p + 6);
                seen[csid] = true;
            }
        } else {
            ext = extended[csid];
        }
        if (!seen[csid]) {
            // The dialogue's reader owned this stream's header state; our server and nginx-rtmp
            // start every media stream with a full header, so this means a server we do not know.
            throw new SrsException(ErrorCode.RTMP_CHUNK_START,
                    "lean parser: fmt " + fmt + " on chunk stream " + csid + " it has not seen");
        }
        pos += basic + mh;
        if (ext) {
            need(4);
            pos += 4;
        }
        boolean start = remaining[csid] == 0;
        if (start) {
            remaining[csid] = length[csid];
            if (length[csid] == 0) {
                return;
            }
        }
        int n = Math.min(remaining[csid], chunkSize);
        int t = type[csid];
        if (start) {
            if (t >= 1 && t <= 6) {
                if (length[csid] > MAX_CONTROL_SIZE || n != length[csid]) {
                    throw new SrsException(ErrorCode.RTMP_MESSAGE_DECODE,
                            "lean parser: control message type " + t + " of " + length[csid] + " bytes");
                }
                need(n);
                control(t, pos, n);
            } else if (t == 9 && stats.firstFrameAt == 0) {
                need(Math.min(2, n));
                if (isKeyframe(u8(pos), n > 1 ? u8(pos + 1) : -1)) {
                    stats.firstFrameAt = System.nanoTime();
                }
            }
        }
        remaining[csid] -= n;
        skip(n);
        if (remaining[csid] == 0) {
            if (t == 9) {
                stats.videoFrames++;
            } else if (t == 8) {
                stats.audioFrames++;
            }
        }
    }

    /**
     * A video tag a decoder can start from: a keyframe carrying coded data (not a sequence
     * header, not a command frame). A server without a GOP cache first sends inter frames,
     * which no player can show; the first picture comes with the first keyframe.
     */
    static boolean isKeyframe(int b0, int b1) {
        if (((b0 >> 4) & 0x07) != 1) {
            return false;
        }
        if ((b0 & 0x80) != 0) {
            // Enhanced RTMP: the low nibble is the packet type; 1 and 3 carry coded frames.
            int packetType = b0 & 0x0f;
            return packetType == 1 || packetType == 3;
        }
        int codec = b0 & 0x0f;
        if (codec == 7 || codec == 12) {
            return b1 == 1;
        }
        return true;
    }

    private void control(int t, int p, int n) {
        switch (t) {
            case 1 -> {
                if (n >= 4) {
                    int size = (int) (u32(p) & 0x7fffffff);
                    if (size < 1 || size > 0xFFFFFF) {
                        throw new SrsException(ErrorCode.RTMP_CHUNK_SIZE, "lean parser: chunk size " + size);
                    }
                    chunkSize = size;
                }
            }
            case 2 -> {
                if (n >= 4) {
                    long c = u32(p);
                    if (c >= 0 && c < MAX_CSID) {
                        remaining[(int) c] = 0;
                    }
                }
            }
            case 5 -> {
                if (n >= 4) {
                    windowAckSize = u32(p);
                }
            }
            case 4 -> {
                if (n >= 6 && ((u8(p) << 8) | u8(p + 1)) == ControlMessages.EVENT_PING_REQUEST) {
                    replies.write(ControlMessages.userControl(ControlMessages.EVENT_PING_RESPONSE, (int) u32(p + 2)),
                            ChunkHeaders.CONTROL_CSID);
                    replies.flush();
                }
            }
            default -> {
                // Acknowledgement, Set Peer Bandwidth: nothing for a player to do.
            }
        }
    }

    /** Makes {@code n} bytes from {@code pos} available in the buffer. */
    private void need(int n) throws IOException {
        if (lim - pos >= n) {
            return;
        }
        if (buf.capacity() - pos < n) {
            buf.limit(lim).position(pos);
            buf.compact();
            lim -= pos;
            pos = 0;
        }
        while (lim - pos < n) {
            readSome();
        }
    }

    private void skip(int n) throws IOException {
        while (n > 0) {
            int avail = lim - pos;
            if (avail == 0) {
                pos = 0;
                lim = 0;
                readSome();
                continue;
            }
            int k = Math.min(avail, n);
            pos += k;
            n -= k;
        }
    }

    private void readSome() throws IOException {
        buf.limit(buf.capacity()).position(lim);
        int r = ch.read(buf);
        if (r < 0) {
            throw new SrsException(ErrorCode.SOCKET_READ, "peer closed");
        }
        lim += r;
        received += r;
        stats.bytes = received;
        if (windowAckSize > 0 && received - lastAck >= windowAckSize / 2) {
            lastAck = received;
            replies.write(ControlMessages.acknowledgement(received & 0xFFFFFFFFL), ChunkHeaders.CONTROL_CSID);
            replies.flush();
        }
        if (!afterFirstFrameRan && stats.firstFrameAt != 0) {
            afterFirstFrameRan = true;
            afterFirstFrame.run();
        }
    }

    private int u8(int i) {
        return buf.get(i) & 0xff;
    }

    private int u24(int i) {
        return (u8(i) << 16) | (u8(i + 1) << 8) | u8(i + 2);
    }

    private long u32(int i) {
        return ((long) u8(i) << 24) | (u8(i + 1) << 16) | (u8(i + 2) << 8) | u8(i + 3);
    }
}
