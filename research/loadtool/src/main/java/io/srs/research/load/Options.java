package io.srs.research.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The load tool's command line. Every option is {@code --name value}; see {@link #USAGE}.
 *
 * <p>Immutable after {@link #parse}; shared read-only by every client thread.
 */
final class Options {
    static final String USAGE = """
            usage: java -jar srs-load.jar [options]
            RTMP players:
              --players N          number of RTMP players (0)
              --url URL            play URL, rtmp://host[:port]/app/stream; "%d" in it becomes the
                                   player's index modulo --streams (rtmp://127.0.0.1/live/livestream)
              --streams K          players spread over K stream names (1)
              --ramp R             players (and HLS and HTTP-FLV viewers) started per second (500)
              --mode lean|full     lean: after play starts, read blocks into one buffer and parse only
                                   chunk headers (counts bytes/frames, spots the first video frame);
                                   full: materialise every message with RtmpClientSession (lean)
              --block BYTES        lean read size; also the buffer size (16384)
              --lowat BYTES        lean: SO_RCVLOWAT set after the first video frame, so a player
                                   wakes once per that many bytes received; 0 disables (16384)
              --prime N            before the measured run, N players at the ramp rate play for
                                   ~2 s and leave (warms a JIT-compiled server); not counted (0)
              --complex-handshake  use the complex (digest) handshake instead of the simple one
            RTMP publishers (loop an FLV file at real-time pace):
              --publishers N       number of publishers (0)
              --publish-url URL    "%d" becomes the publisher's index (rtmp://127.0.0.1/live/stream-%d)
              --flv FILE           the FLV file to loop (required with --publishers)
            HLS viewers:
              --hls N              number of HLS viewers (0)
              --hls-url URL        playlist URL; "%d" becomes index modulo --streams
              --hls-back K         start K segments before the live edge, like players (3)
            HTTP-FLV viewers (lean: blocks into one buffer, only tag headers parsed):
              --http-flv N         number of HTTP-FLV viewers (0)
              --http-flv-url URL   "%d" becomes index modulo --streams
                                   (http://127.0.0.1:8080/live/livestream.flv)
              --flv-dump DIR       write each viewer's FLV body (de-chunked) to DIR/flv-INDEX.flv,
                                   its first --flv-dump-kib KiB only, for ffprobe
              --flv-dump-kib K     bytes kept per viewer with --flv-dump, in KiB (512)
            Run:
              --duration S         run time in seconds, then everything stops (60)
              --delay S            seconds between starting publishers and players (2 with
                                   publishers, else 0)
              --warmup S           seconds after the ramp before the measuring window (5)
              --expect-kbps K      expected per-viewer bitrate; a viewer is OK when it received
                                   >= 90% of it in the window (default: the --flv file's bitrate)
              --connect-timeout S  TCP connect timeout (10)
              --server-pid PID     sample that process's CPU (utime+stime) over the window and its
                                   RSS before the run and at the window's end (Linux /proc)
              --json FILE          also write the summary JSON there
              --csv FILE           one line per viewer: kind, index, start offset, connect and
                                   first-frame times (ms), window kbps, audio and video tags
                                   (frames) received, HTTP-FLV header flags, error
              --quiet              no per-second lines
            """;

    final int players;
    final String url;
    final int streams;
    final double ramp;
    final boolean lean;
    final int block;
    final int lowat;
    final boolean complexHandshake;
    final int prime;
    final int publishers;
    final String publishUrl;
    final Path flv;
    final int hls;
    final String hlsUrl;
    final int hlsBack;
    final int httpFlv;
    final String httpFlvUrl;
    final Path flvDump;
    final long flvDumpBytes;
    final double duration;
    final double delay;
    final double warmup;
    final double expectKbps;
    final int connectTimeoutMillis;
    final Path json;
    final Path csv;
    final boolean quiet;
    final long serverPid;

    private Options(Parser p) {
        players = p.intOpt("--players", 0, 0, 100_000);
        url = p.str("--url", "rtmp://127.0.0.1/live/livestream");
        streams = p.intOpt("--streams", 1, 1, 100_000);
        ramp = p.dbl("--ramp", 500, 0.1, 1e6);
        String mode = p.str("--mode", "lean");
        if (!mode.equals("lean") && !mode.equals("full")) {
            throw new IllegalArgumentException("--mode must be lean or full: " + mode);
        }
        lean = mode.equals("lean");
        block = p.intOpt("--block", 16384, 1024, 1 << 20);
        lowat = p.intOpt("--lowat", 16384, 0, 1 << 20);
        complexHandshake = p.flag("--complex-handshake");
        prime = p.intOpt("--prime", 0, 0, 100_000);
        publishers = p.intOpt("--publishers", 0, 0, 10_000);
        publishUrl = p.str("--publish-url", "rtmp://127.0.0.1/live/stream-%d");
        String f = p.str("--flv", null);
        flv = f == null ? null : Path.of(f);
        hls = p.intOpt("--hls", 0, 0, 100_000);
        hlsUrl = p.str("--hls-url", "http://127.0.0.1:8080/live/livestream.m3u8");
        hlsBack = p.intOpt("--hls-back", 3, 1, 100);
        httpFlv = p.intOpt("--http-flv", 0, 0, 100_000);
        httpFlvUrl = p.str("--http-flv-url", "http://127.0.0.1:8080/live/livestream.flv");
        String d = p.str("--flv-dump", null);
        flvDump = d == null ? null : Path.of(d);
        flvDumpBytes = (long) p.intOpt("--flv-dump-kib", 512, 1, 1 << 20) * 1024;
        duration = p.dbl("--duration", 60, 1, 86_400);
        delay = p.dbl("--delay", publishers > 0 ? 2 : 0, 0, 3600);
        warmup = p.dbl("--warmup", 5, 0, 3600);
        expectKbps = p.dbl("--expect-kbps", 0, 0, 1e7);
        connectTimeoutMillis = (int) (p.dbl("--connect-timeout", 10, 0.1, 600) * 1000);
        String j = p.str("--json", null);
        json = j == null ? null : Path.of(j);
        String c = p.str("--csv", null);
        csv = c == null ? null : Path.of(c);
        quiet = p.flag("--quiet");
        serverPid = (long) p.dbl("--server-pid", 0, 0, Integer.MAX_VALUE);
        p.finish();
        if (publishers > 0 && flv == null) {
            throw new IllegalArgumentException("--publishers needs --flv FILE");
        }
        if (players + publishers + hls + httpFlv == 0) {
            throw new IllegalArgumentException("nothing to do: give --players, --publishers, --hls or --http-flv");
        }
    }

    static Options parse(String[] args) {
        return new Options(new Parser(args));
    }

    /** The URL of client {@code index}: "%d" replaced by {@code index % modulo}. */
    static String expand(String template, int index, int modulo) {
        return template.replace("%d", Integer.toString(index % modulo));
    }

    /** Takes options out of the argument list; {@link #finish} rejects whatever is left. */
    private static final class Parser {
        private final List<String> args;

        Parser(String[] a) {
            args = new ArrayList<>(List.of(a));
        }

        boolean flag(String name) {
            return args.remove(name);
        }

        String str(String name, String dflt) {
            int i = args.indexOf(name);
            if (i < 0) {
                return dflt;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String v = args.remove(i + 1);
            args.remove(i);
            return v;
        }

        int intOpt(String name, int dflt, int min, int max) {
            return (int) dbl(name, dflt, min, max);
        }

        double dbl(String name, double dflt, double min, double max) {
            String v = str(name, null);
            if (v == null) {
                return dflt;
            }
            double d;
            try {
                d = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": not a number: " + v);
            }
            if (d < min || d > max) {
                throw new IllegalArgumentException(name + " out of [" + min + ", " + max + "]: " + v);
            }
            return d;
        }

        void finish() {
            if (!args.isEmpty()) {
                throw new IllegalArgumentException("unknown arguments: " + args);
            }
        }
    }
}
