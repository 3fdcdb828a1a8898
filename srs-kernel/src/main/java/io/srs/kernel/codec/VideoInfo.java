package io.srs.kernel.codec;

/**
 * Video summary for the HTTP API's {@code stream.video} object.
 *
 * <p>Thread-safe by immutability.
 *
 * @param codec   "H264", "H265", "AV1", "VP9"
 * @param profile "High", "Main"... or "Other"
 * @param level   "3.1"... or "Other"
 * @param width   pixels, 0 when unknown
 * @param height  pixels, 0 when unknown
 */
public record VideoInfo(String codec, String profile, String level, int width, int height) {
}
