package io.srs.kernel.codec;

/**
 * Audio summary for the HTTP API's {@code stream.audio} object.
 *
 * <p>Thread-safe by immutability.
 *
 * @param codec      "AAC", "MP3"...
 * @param sampleRate Hz, from the AudioSpecificConfig or MP3 frame header when there is one,
 *                   else the FLV tag's nominal rate
 * @param channels   channel count
 * @param profile    AAC profile ("LC", "HE", "HEv2", "Main"), else "Other"
 */
public record AudioInfo(String codec, int sampleRate, int channels, String profile) {
}
