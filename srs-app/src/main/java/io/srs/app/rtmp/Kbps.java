package io.srs.app.rtmp;

/** Average kbps of a byte counter since the previous sample. Not thread-safe: one owner. */
final class Kbps {
    private long lastBytes;
    private long lastNanos = System.nanoTime();

    int sample(long bytes) {
        long now = System.nanoTime();
        long dt = now - lastNanos;
        int kbps = dt <= 0 ? 0 : (int) ((bytes - lastBytes) * 8L * 1_000_000L / dt);
        lastBytes = bytes;
        lastNanos = now;
        return kbps;
    }
}
