package io.srs.app.httpstream;

import io.srs.kernel.media.MediaBatch;

import java.io.IOException;

/**
 * Turns one viewer's messages into the bytes of its format. Port of SRS's
 * {@code ISrsBufferEncoder}s (srs_app_http_stream.cpp).
 *
 * <p>Not thread-safe: one per viewer, used by the viewer's thread.
 */
interface StreamEncoder {
    /**
     * Writes a batch of the viewer's messages, stamped with the viewer's timestamps (the first
     * batch holds the metadata, sequence headers and cached GOP). Payload bytes go out as
     * shared slices ({@link BodyOutput#putShared}). The caller flushes.
     */
    void write(MediaBatch batch, BodyOutput out) throws IOException;
}
