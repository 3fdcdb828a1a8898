package io.srs.rtmp.message;

import io.srs.rtmp.amf0.Amf0Object;
import io.srs.rtmp.amf0.Amf0Properties;
import io.srs.rtmp.amf0.Amf0Value;

import java.util.List;
import java.util.Objects;

/**
 * An AMF0 data message (type 18; type 15 is decoded the same way, without skipping a byte, as
 * SRS does): a name and values, no transaction id. Thread-safe: every implementation is
 * immutable.
 */
public sealed interface RtmpData extends RtmpMessage {

    String name();

    /**
     * Stream metadata: {@code @setDataFrame(name, metadata)} from a publisher, or plain
     * {@code onMetaData(metadata)}. Port of {@code SrsOnMetaDataPacket}. The metadata is kept
     * as received (object or ECMA array) so it re-encodes byte for byte; {@link #toObject()}
     * gives the object view SRS works on. A missing or non-object value reads as an empty
     * object, as in SRS.
     *
     * @param setDataFrame whether the message started with {@code @setDataFrame}
     * @param name         the name after {@code @setDataFrame}, normally {@code onMetaData}
     * @param metadata     an {@link io.srs.rtmp.amf0.Amf0Object} or an ECMA array
     */
    record OnMetaData(boolean setDataFrame, String name, Amf0Properties metadata) implements RtmpData {
        public OnMetaData {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(metadata, "metadata");
        }

        /** A plain {@code onMetaData(object)} message, the form SRS caches and sends to players. */
        public static OnMetaData plain(Amf0Object metadata) {
            return new OnMetaData(false, CommandNames.ON_META_DATA, metadata);
        }

        public Amf0Object toObject() {
            return metadata instanceof Amf0Object o ? o : new Amf0Object(metadata.properties());
        }

        /**
         * Like SRS when caching metadata: drops {@code @setDataFrame}, keeps the name and
         * turns an ECMA array into an object. Callers then edit the object (SRS removes
         * {@code duration} and adds {@code server}, {@code server_version}) and build
         * {@code withMetadata}.
         */
        public OnMetaData forPlayers() {
            return new OnMetaData(false, name, toObject());
        }

        public OnMetaData withMetadata(Amf0Object newMetadata) {
            return new OnMetaData(setDataFrame, name, newMetadata);
        }
    }

    /** {@code |RtmpSampleAccess(video, audio)}: lets Flash players read raw samples. */
    record SampleAccess(boolean videoSampleAccess, boolean audioSampleAccess) implements RtmpData {
        @Override
        public String name() {
            return CommandNames.SAMPLE_ACCESS;
        }
    }

    /** {@code onStatus(info)} as a data message, e.g. NetStream.Data.Start. */
    record OnStatusData(Amf0Object info) implements RtmpData {
        public OnStatusData {
            Objects.requireNonNull(info, "info");
        }

        @Override
        public String name() {
            return CommandNames.ON_STATUS;
        }

        public String code() {
            return info.getString(StatusCodes.CODE, "");
        }
    }

    /** Any other data message (onCuePoint, onTextData, onFI...), kept whole. */
    record Data(String name, List<Amf0Value> values) implements RtmpData {
        public Data {
            Objects.requireNonNull(name, "name");
            values = List.copyOf(values);
        }
    }
}
