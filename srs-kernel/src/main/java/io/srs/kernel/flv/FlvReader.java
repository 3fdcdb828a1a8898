package io.srs.kernel.flv;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.Bytes;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an FLV file or stream (FLV spec E.2, E.3): the 9-byte header and PreviousTagSize0, then
 * tags as {@link MediaMessage}s. Port of {@code SrsFlvDecoder} (srs_kernel_flv.cpp).
 *
 * <p>End of input: {@link #next()} returns null when the input ends exactly after a tag, with or
 * without its trailing PreviousTagSize (a recording cut between two tags is complete). Input that
 * ends inside a tag header or body throws {@link ErrorCode#SYSTEM_FILE_EOF}: that tag is lost
 * and the caller decides whether what came before is good enough. PreviousTagSize values are
 * not checked, as SRS does not check them. Tags other than audio, video and script data are
 * skipped. Each tag body is read into its own array, which the message then owns.
 *
 * <p>Not thread-safe. The reader does not close the stream.
 */
public final class FlvReader {
    /** Largest tag body the 24-bit DataSize field can describe. */
    public static final int MAX_TAG_SIZE = 0xffffff;

    private final InputStream in;
    private final int maxTagSize;
    private final byte[] header = new byte[11];
    private boolean headerRead;
    private boolean hasAudio;
    private boolean hasVideo;

    /** A reader accepting any tag size the format allows. */
    public FlvReader(InputStream in) {
        this(in, MAX_TAG_SIZE);
    }

    /** A reader that rejects tags larger than {@code maxTagSize} bytes before reading them. */
    public FlvReader(InputStream in, int maxTagSize) {
        this.in = in;
        this.maxTagSize = maxTagSize;
    }

    /** Reads and checks the file header if not done yet; {@link #next()} calls it itself. */
    public void readHeader() {
        if (headerRead) {
            return;
        }
        byte[] h = new byte[13];
        int n = readFully(h, 0, 13);
        if (n < 13) {
            throw new SrsException(ErrorCode.KERNEL_FLV_HEADER, "flv header truncated at " + n + " bytes");
        }
        if (h[0] != 'F' || h[1] != 'L' || h[2] != 'V') {
            throw new SrsException(ErrorCode.KERNEL_FLV_HEADER, "flv signature missing");
        }
        int dataOffset = ((h[5] & 0xff) << 24) | ((h[6] & 0xff) << 16) | ((h[7] & 0xff) << 8) | (h[8] & 0xff);
        if (dataOffset != 9) {
            // Version 1 headers are 9 bytes; a larger offset would need skipping bytes we do not expect.
            throw new SrsException(ErrorCode.KERNEL_FLV_HEADER, "flv header size " + dataOffset);
        }
        hasAudio = (h[4] & 0x04) != 0;
        hasVideo = (h[4] & 0x01) != 0;
        headerRead = true;
    }

    /** The header's TypeFlagsAudio. */
    public boolean hasAudio() {
        readHeader();
        return hasAudio;
    }

    /** The header's TypeFlagsVideo. */
    public boolean hasVideo() {
        readHeader();
        return hasVideo;
    }

    /**
     * The next audio, video or script tag, or null at the end of the input.
     *
     * @throws SrsException {@link ErrorCode#SYSTEM_FILE_EOF} when a tag is cut short,
     *                      {@link ErrorCode#KERNEL_FLV_HEADER} for a bad header or a tag above
     *                      the size limit, {@link ErrorCode#SYSTEM_FILE_READ} on I/O errors
     */
    public MediaMessage next() {
        readHeader();
        while (true) {
            int n = readFully(header, 0, 11);
            if (n == 0) {
                return null;
            }
            if (n < 11) {
                throw new SrsException(ErrorCode.SYSTEM_FILE_EOF, "flv tag header truncated at " + n + " bytes");
            }
            // Bit 5 is the encryption filter flag; bits 6-7 are reserved.
            int type = header[0] & 0x1f;
            int size = ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8) | (header[3] & 0xff);
            long timestamp = ((header[4] & 0xff) << 16) | ((header[5] & 0xff) << 8) | (header[6] & 0xff)
                    | ((long) (header[7] & 0xff) << 24);
            int streamId = ((header[8] & 0xff) << 16) | ((header[9] & 0xff) << 8) | (header[10] & 0xff);
            if (size > maxTagSize) {
                throw new SrsException(ErrorCode.KERNEL_FLV_HEADER, "flv tag size " + size + " exceeds " + maxTagSize);
            }
            byte[] body = readBody(size);
            // A missing or partial PreviousTagSize after the last tag is tolerated.
            skipPreviousTagSize();
            if (type == MessageType.AUDIO || type == MessageType.VIDEO || type == MessageType.AMF0_DATA) {
                return new MediaMessage(type, timestamp, streamId, Bytes.wrap(body));
            }
        }
    }

    private byte[] readBody(int size) {
        try {
            // readNBytes grows its buffer as data arrives, so a lying size costs no big allocation.
            byte[] body = in.readNBytes(size);
            if (body.length < size) {
                throw new SrsException(ErrorCode.SYSTEM_FILE_EOF,
                        "flv tag body truncated, " + body.length + " of " + size + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new SrsException(ErrorCode.SYSTEM_FILE_READ, "read flv tag body", e);
        }
    }

    private void skipPreviousTagSize() {
        readFully(header, 0, 4);
    }

    private int readFully(byte[] dst, int off, int len) {
        try {
            return in.readNBytes(dst, off, len);
        } catch (IOException e) {
            throw new SrsException(ErrorCode.SYSTEM_FILE_READ, "read flv", e);
        }
    }
}
