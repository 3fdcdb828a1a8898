package io.srs.app.jobs;

import io.srs.app.config.Directive;
import io.srs.app.config.EngineConfig;
import io.srs.app.config.SrsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The command line of an ABR ladder's engine: SRS's, plus what keeps the rendition aligned. */
class FfmpegCommandLadderTest {
    private static EngineConfig engine(String body) {
        SrsConfig c = SrsConfig.parse("listen 1935; vhost v { transcode { engine e { " + body + " } } }", "t.conf",
                Path.of("."), Map.of());
        Directive e = c.exactVhost("v").transcodes().getFirst().get("engine");
        return EngineConfig.of(e);
    }

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
