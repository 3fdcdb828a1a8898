package io.srs.app.jobs;

import io.srs.app.config.EngineConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The FFmpeg command line SRS builds for an engine, argument for argument: port of
 * {@code SrsFFMPEG::initialize_transcode}, {@code initialize_copy} and {@code start}
 * (srs_app_ffmpeg.cpp). SRS passes the log file as {@code 1 > file 2 > file}, which its process
 * class turns into redirections; here the supervisor does the redirection, so those words are
 * not part of the command. Immutable helpers only.
 */
final class FfmpegCommand {
    private static final String COPY = "copy";
    private static final String NO_VIDEO = "vn";
    private static final String NO_AUDIO = "an";

    private FfmpegCommand() {
    }

    /**
     * The command of a transcoding engine.
     *
     * @param iparams options before everything else (ingest's {@code -loglevel} and {@code -re})
     * @throws IllegalArgumentException with SRS's reason when the engine is unusable
     */
    static List<String> transcode(String ffmpeg, List<String> iparams, EngineConfig e, String input, String output) {
        return transcode(ffmpeg, iparams, e, input, output, false);
    }

    /**
     * @param aligned a rendition of an ABR ladder (not in SRS): {@code -copyts} keeps the source's
     *                timestamps and {@code -force_key_frames source} puts a keyframe wherever the
     *                source has one, so the rendition's HLS can cut where the source's does
     */
    static List<String> transcode(String ffmpeg, List<String> iparams, EngineConfig e, String input, String output,
                                  boolean aligned) {
        check(e, output);
        // Non-RTMP input gets no -f: FFmpeg guesses it (SRS: "-f flv" before "-i udp://..." fails).
        String iformat = input.startsWith("rtmp://") ? e.iformat() : "";
        List<String> pre = aligned ? concat(iparams, List.of("-copyts")) : iparams;
        // Before vparams, so that an engine's own -force_key_frames still wins.
        List<String> keyframes = aligned ? List.of("-force_key_frames", "source") : List.of();
        return build(ffmpeg, pre, e.perfile(), iformat, input, e.vfilter(), e, e.vcodec(), e.acodec(), e.oformat(),
                output, keyframes);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The command of a copy (ingest with its engine off): {@code -vcodec copy -acodec copy}. */
    static List<String> copy(String ffmpeg, List<String> iparams, String input, String output, String oformat) {
        if (output.isEmpty()) {
            throw new IllegalArgumentException("invalid empty output");
        }
        return build(ffmpeg, iparams, List.of(), "", input, List.of(), null, COPY, COPY, oformat, output, List.of());
    }

    private static void check(EngineConfig e, String output) {
        String v = e.vcodec();
        String a = e.acodec();
        if (NO_VIDEO.equals(v) && NO_AUDIO.equals(a)) {
            throw new IllegalArgumentException("video and audio disabled");
        }
        if (!COPY.equals(v) && !NO_VIDEO.equals(v) && !"png".equals(v)) {
            if (e.vbitrate() < 0 || e.vfps() < 0 || e.vwidth() < 0 || e.vheight() < 0 || e.vthreads() < 0) {
                throw new IllegalArgumentException("negative vbitrate, vfps, vwidth, vheight or vthreads");
            }
            if (e.vprofile().isEmpty()) {
                throw new IllegalArgumentException("invalid vprofile: empty (required when encoding video)");
            }
            if (e.vpreset().isEmpty()) {
                throw new IllegalArgumentException("invalid vpreset: empty (required when encoding video)");
            }
        }
        if (!COPY.equals(a) && !NO_AUDIO.equals(a)) {
            if (e.abitrate() < 0 || e.asampleRate() < 0) {
                throw new IllegalArgumentException("negative abitrate or asample_rate");
            }
            if (e.achannels() != 0 && e.achannels() != 1 && e.achannels() != 2) {
                throw new IllegalArgumentException("invalid achannels, must be 1 or 2, actual " + e.achannels());
            }
        }
        if (output.isEmpty()) {
            throw new IllegalArgumentException("invalid empty output");
        }
    }

    private static List<String> build(String ffmpeg, List<String> iparams, List<String> perfile, String iformat,
                                      String input, List<String> vfilter, EngineConfig e, String vcodec,
                                      String acodec, String oformat, String output, List<String> videoExtra) {
        List<String> p = new ArrayList<>();
        p.add(ffmpeg);
        addNonEmpty(p, iparams);
        addNonEmpty(p, perfile);
        if (!iformat.isEmpty() && !"off".equals(iformat)) {
            p.add("-f");
            p.add(iformat);
        }
        p.add("-i");
        p.add(input);
        addNonEmpty(p, vfilter);
        if (!NO_VIDEO.equals(vcodec)) {
            p.add("-vcodec");
            p.add(vcodec);
        } else {
            p.add("-vn");
        }
        if (e != null && !COPY.equals(vcodec) && !NO_VIDEO.equals(vcodec)) {
            int w = e.vwidth() - e.vwidth() % 2;
            int h = e.vheight() - e.vheight() % 2;
            if (e.vbitrate() > 0) {
                p.add("-b:v");
                p.add(Integer.toString(e.vbitrate() * 1000));
            }
            if (e.vfps() > 0) {
                p.add("-r");
                p.add(fps(e.vfps()));
            }
            if (w > 0 && h > 0) {
                p.add("-s");
                p.add(w + "x" + h);
                p.add("-aspect");
                p.add(w + ":" + h);
            }
            if (e.vthreads() > 0) {
                p.add("-threads");
                p.add(Integer.toString(e.vthreads()));
            }
            if (!e.vprofile().isEmpty()) {
                p.add("-profile:v");
                p.add(e.vprofile());
            }
            if (!e.vpreset().isEmpty()) {
                p.add("-preset");
                p.add(e.vpreset());
            }
            p.addAll(videoExtra);
            addNonEmpty(p, e.vparams());
        }
        if (!NO_AUDIO.equals(acodec)) {
            p.add("-acodec");
            p.add(acodec);
            if (e != null && !COPY.equals(acodec)) {
                if (e.abitrate() > 0) {
                    p.add("-b:a");
                    p.add(Integer.toString(e.abitrate() * 1000));
                }
                if (e.asampleRate() > 0) {
                    p.add("-ar");
                    p.add(Integer.toString(e.asampleRate()));
                }
                if (e.achannels() > 0) {
                    p.add("-ac");
                    p.add(Integer.toString(e.achannels()));
                }
                addNonEmpty(p, e.aparams());
            } else if (e != null) {
                // With audio copy only the ADTS-to-ASC bitstream filter of aparams is kept.
                List<String> ap = e.aparams();
                for (int i = 0; i + 1 < ap.size(); i++) {
                    if ("-bsf:a".equals(ap.get(i)) && "aac_adtstoasc".equals(ap.get(i + 1))) {
                        p.add(ap.get(i));
                        p.add(ap.get(i + 1));
                        i++;
                    }
                }
            }
        } else {
            p.add("-an");
        }
        if (!oformat.isEmpty() && !"off".equals(oformat)) {
            p.add("-f");
            p.add(oformat);
        }
        p.add("-y");
        p.add(output);
        return p;
    }

    /** SRS's srs_float2str: "%.2f". */
    private static String fps(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    private static void addNonEmpty(List<String> p, List<String> args) {
        for (String a : args) {
            if (!a.isEmpty()) {
                p.add(a);
            }
        }
    }
}
