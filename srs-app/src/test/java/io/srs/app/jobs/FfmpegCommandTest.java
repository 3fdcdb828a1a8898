package io.srs.app.jobs;

import io.srs.app.config.Directive;
import io.srs.app.config.EngineConfig;
import io.srs.app.config.SrsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The command lines SRS's SrsFFMPEG::start builds, argument for argument. */
class FfmpegCommandTest {
    private static EngineConfig engine(String body) {
        SrsConfig c = SrsConfig.parse("listen 1935; vhost v { transcode { engine e { " + body + " } } }", "t.conf",
                Path.of("."), Map.of());
        Directive e = c.exactVhost("v").transcodes().getFirst().get("engine");
        return EngineConfig.of(e);
    }

    @Test
    void fullConfExampleEngineInSrsOrder() {
        EngineConfig e = engine("""
                enabled on; perfile { re; rtsp_transport tcp; } iformat flv;
                vfilter { i ./doc/ffmpeg-logo.png; filter_complex 'overlay=10:10'; }
                vcodec libx264; vbitrate 1500; vfps 25; vwidth 768; vheight 320; vthreads 12; vprofile main;
                vpreset medium; vparams { t 100; coder 1; } acodec libfdk_aac; abitrate 70; asample_rate 44100;
                achannels 2; aparams { profile:a aac_low; } oformat flv; output rtmp://out/live/s;
                """);
        assertEquals(List.of("ffmpeg", "-re", "-rtsp_transport", "tcp", "-f", "flv", "-i", "rtmp://in/live/s",
                        "-i", "./doc/ffmpeg-logo.png", "-filter_complex", "overlay=10:10", "-vcodec", "libx264",
                        "-b:v", "1500000", "-r", "25.00", "-s", "768x320", "-aspect", "768:320", "-threads", "12",
                        "-profile:v", "main", "-preset", "medium", "-t", "100", "-coder", "1", "-acodec", "libfdk_aac",
                        "-b:a", "70000", "-ar", "44100", "-ac", "2", "-profile:a", "aac_low", "-f", "flv", "-y",
                        "rtmp://out/live/s"),
                FfmpegCommand.transcode("ffmpeg", List.of(), e, "rtmp://in/live/s", "rtmp://out/live/s"));
    }

    @Test
    void copyAndNoAudioSkipCodecOptionsAndNonRtmpInputHasNoFormat() {
        EngineConfig e = engine("enabled on; vcodec copy; vbitrate 100; acodec an; abitrate 10; "
                + "aparams { bsf:a aac_adtstoasc; }");
        assertEquals(List.of("ff", "-i", "udp://x", "-vcodec", "copy", "-an", "-f", "flv", "-y", "o"),
                FfmpegCommand.transcode("ff", List.of(), e, "udp://x", "o"));
        assertEquals(List.of("ff", "-loglevel", "info", "-re", "-i", "f.flv", "-vcodec", "copy", "-acodec", "copy",
                "-f", "flv", "-y", "o"), FfmpegCommand.copy("ff", List.of("-loglevel", "info", "-re"), "f.flv", "o", "flv"));
    }

    @Test
    void refusesWhatSrsRefuses() {
        assertThrows(IllegalArgumentException.class, () -> FfmpegCommand.transcode("ff", List.of(),
                engine("vcodec vn; acodec an;"), "rtmp://i", "o"));
        assertThrows(IllegalArgumentException.class, () -> FfmpegCommand.transcode("ff", List.of(),
                engine("vcodec libx264; vpreset fast; acodec copy;"), "rtmp://i", "o"));
        assertThrows(IllegalArgumentException.class, () -> FfmpegCommand.transcode("ff", List.of(),
                engine("vcodec copy; acodec aac; achannels 3;"), "rtmp://i", "o"));
    }

    // ABR ladder (not in SRS): SRS's command plus what keeps a rendition aligned.
    @Test
    void alignedEngineKeepsTimestampsAndForcesSourceKeyframesBeforeVparams() {
        EngineConfig e = engine("enabled on; vcodec libx264; vbitrate 300; vwidth 426; vheight 240; vprofile baseline;"
                + " vpreset ultrafast; vparams { g 50; } acodec copy; output rtmp://o/live/s_240p;");
        assertEquals(List.of("ffmpeg", "-copyts", "-f", "flv", "-i", "rtmp://in/live/s", "-vcodec", "libx264",
                        "-b:v", "300000", "-s", "426x240", "-aspect", "426:240", "-threads", "1", "-profile:v",
                        "baseline", "-preset", "ultrafast", "-force_key_frames", "source", "-g", "50", "-acodec",
                        "copy", "-f", "flv", "-y", "rtmp://o/live/s_240p"),
                FfmpegCommand.transcode("ffmpeg", List.of(), e, "rtmp://in/live/s", "rtmp://o/live/s_240p", true));
    }

    @Test
    void alignedCopyEngineOnlyKeepsTimestamps() {
        EngineConfig e = engine("enabled on; vcodec copy; acodec copy; output rtmp://o/live/s_copy;");
        assertEquals(List.of("ffmpeg", "-copyts", "-f", "flv", "-i", "rtmp://in/live/s", "-vcodec", "copy",
                        "-acodec", "copy", "-f", "flv", "-y", "rtmp://o/live/s_copy"),
                FfmpegCommand.transcode("ffmpeg", List.of(), e, "rtmp://in/live/s", "rtmp://o/live/s_copy", true));
    }
}
