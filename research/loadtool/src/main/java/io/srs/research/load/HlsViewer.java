package io.srs.research.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One HLS viewer behaving like a live player: loads the playlist (following a master playlist
 * to its first variant), starts {@code --hls-back} segments before the live edge, downloads
 * every new segment in order, and reloads the playlist after the last segment's duration when
 * it changed, or after half the target duration when it did not (RFC 8216 6.3.4). The first
 * frame time is when the first segment finished downloading.
 *
 * <p>Runs on its own virtual thread with a shared {@link HttpClient}; results go to its
 * {@link ClientStats}.
 */
final class HlsViewer implements Runnable {
    private final HttpClient http;
    private final URI url;
    private final Options opt;
    private final ClientStats stats;
    private final java.util.function.BooleanSupplier stopping;
    private final byte[] buf = new byte[16384];

    HlsViewer(HttpClient http, URI url, Options opt, ClientStats stats, java.util.function.BooleanSupplier stopping) {
        this.http = http;
        this.url = url;
        this.opt = opt;
        this.stats = stats;
        this.stopping = stopping;
    }

    @Override
    public void run() {
        stats.startedAt = System.nanoTime();
        try {
            URI media = url;
            long next = -1;
            while (!stopping.getAsBoolean()) {
                Playlist p = Playlist.parse(media, get(media));
                if (p.variant() != null) {
                    media = p.variant();
                    continue;
                }
                if (stats.connectedAt == 0) {
                    stats.connectedAt = System.nanoTime();
                }
                int n = p.segments().size();
                if (next < 0) {
                    next = p.mediaSequence() + Math.max(0, n - opt.hlsBack);
                }
                if (next < p.mediaSequence()) {
                    // Fell behind the window: the player would skip ahead too.
                    next = p.mediaSequence();
                }
                double lastDuration = 0;
                boolean changed = false;
                for (int i = (int) (next - p.mediaSequence()); i < n && !stopping.getAsBoolean(); i++) {
                    Playlist.Segment s = p.segments().get(i);
                    download(s.uri());
                    if (stats.firstFrameAt == 0) {
                        stats.firstFrameAt = System.nanoTime();
                    }
                    stats.videoFrames++;
                    next++;
                    lastDuration = s.duration();
                    changed = true;
                }
                if (p.ended() && !changed) {
                    return;
                }
                double wait = changed ? lastDuration : p.targetDuration() / 2;
                Thread.sleep((long) (Math.max(0.1, wait) * 1000));
            }
        } catch (IOException | RuntimeException e) {
            if (!stopping.getAsBoolean()) {
                stats.error = RtmpPlayer.describe(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String get(URI u) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(u), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("HTTP " + r.statusCode() + " for " + u);
        }
        stats.bytes += r.body().length();
        return r.body();
    }

    private void download(URI u) throws IOException, InterruptedException {
        HttpResponse<InputStream> r = http.send(request(u), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode() + " for " + u);
            }
            int k;
            while ((k = in.read(buf)) > 0) {
                stats.bytes += k;
            }
        }
    }

    private HttpRequest request(URI u) {
        return HttpRequest.newBuilder(u).timeout(Duration.ofSeconds(10)).GET().build();
    }
}
