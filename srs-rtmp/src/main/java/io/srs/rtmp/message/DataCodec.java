package io.srs.rtmp.message;

import io.srs.core.SrsException;
import io.srs.core.bytes.ByteWriter;
import io.srs.core.bytes.Bytes;
import io.srs.rtmp.amf0.Amf0EcmaArray;
import io.srs.rtmp.amf0.Amf0Object;
import io.srs.rtmp.amf0.Amf0Properties;
import io.srs.rtmp.amf0.Amf0Reader;
import io.srs.rtmp.amf0.Amf0Value;
import io.srs.rtmp.amf0.Amf0Writer;
import io.srs.rtmp.message.RtmpData.Data;
import io.srs.rtmp.message.RtmpData.OnMetaData;
import io.srs.rtmp.message.RtmpData.OnStatusData;
import io.srs.rtmp.message.RtmpData.SampleAccess;

/**
 * Decoding and encoding of data message payloads. Metadata follows
 * {@code SrsOnMetaDataPacket::decode}; the other known names fall back to {@link Data} when
 * their shape does not match, since SRS does not decode them at all.
 */
final class DataCodec {
    private DataCodec() {
    }

    static RtmpMessage decode(Bytes payload) {
        Amf0Reader r = new Amf0Reader(payload);
        String name = r.readString();
        return switch (name) {
            case CommandNames.SET_DATA_FRAME, CommandNames.ON_META_DATA -> metadata(name, r);
            case CommandNames.SAMPLE_ACCESS -> orData(name, r, () -> {
                boolean video = r.hasRemaining() && r.readBoolean();
                boolean audio = r.hasRemaining() && r.readBoolean();
                return new SampleAccess(video, audio);
            });
            case CommandNames.ON_STATUS -> orData(name, r, () -> new OnStatusData(r.readObject()));
            default -> new Data(name, r.readAll());
        };
    }

    /** Metadata after its first name was read; shared with commands carrying metadata. */
    static OnMetaData metadata(String firstName, Amf0Reader r) {
        boolean setDataFrame = firstName.equals(CommandNames.SET_DATA_FRAME);
        String name = setDataFrame ? r.readString() : firstName;
        if (!r.hasRemaining()) {
            return new OnMetaData(setDataFrame, name, Amf0Object.of()); // SRS allows an empty body
        }
        Amf0Value value = r.read();
        Amf0Properties metadata = value instanceof Amf0Object || value instanceof Amf0EcmaArray
                ? (Amf0Properties) value : Amf0Object.of();
        return new OnMetaData(setDataFrame, name, metadata);
    }

    private static RtmpData orData(String name, Amf0Reader r, java.util.function.Supplier<RtmpData> specific) {
        int start = r.input().position();
        try {
            return specific.get();
        } catch (SrsException e) {
            r.input().position(start);
            return new Data(name, r.readAll());
        }
    }

    static void encode(RtmpData data, ByteWriter out) {
        Amf0Writer w = new Amf0Writer(out);
        switch (data) {
            case OnMetaData m -> {
                if (m.setDataFrame()) {
                    w.writeString(CommandNames.SET_DATA_FRAME);
                }
                w.writeString(m.name()).write(m.metadata());
            }
            case SampleAccess s -> w.writeString(s.name())
                    .writeBoolean(s.videoSampleAccess()).writeBoolean(s.audioSampleAccess());
            case OnStatusData s -> w.writeString(s.name()).write(s.info());
            case Data d -> {
                w.writeString(d.name());
                for (Amf0Value v : d.values()) {
                    w.write(v);
                }
            }
        }
    }
}
