package io.srs.rtmp.message;

import io.srs.rtmp.amf0.Amf0Null;
import io.srs.rtmp.amf0.Amf0Number;
import io.srs.rtmp.amf0.Amf0Object;
import io.srs.rtmp.amf0.Amf0Value;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An AMF0 command message (type 20, or 17 whose first byte is skipped as SRS does): a name, a
 * transaction id, a command object and arguments. Ports of the {@code Srs*Packet} command
 * classes of {@code srs_protocol_rtmp_stack.cpp}; the encodings are SRS's (for example the
 * replies write a null command object, and {@link Play} omits trailing defaults).
 *
 * <p>Commands SRS does not know become a {@link Call}, so a session can answer them with a
 * null {@code _result}. {@code _result}/{@code _error} are always a {@link CallResult}: which
 * request they answer is known only to the session that remembers its transaction ids.
 *
 * <p>Thread-safe: every implementation is immutable.
 */
public sealed interface RtmpCommand extends RtmpMessage {

    /** The command name on the wire. */
    String name();

    double transactionId();

    /**
     * {@code connect}: the command object carries tcUrl, app, flashVer, swfUrl, pageUrl,
     * objectEncoding, audioCodecs, videoCodecs...; an optional extra argument object follows
     * (SRS keeps it only when it is an object, ossrs/srs#186).
     */
    record Connect(double transactionId, Amf0Object commandObject, Optional<Amf0Object> arguments)
            implements RtmpCommand {
        public Connect {
            Objects.requireNonNull(commandObject, "commandObject");
            Objects.requireNonNull(arguments, "arguments");
        }

        /**
         * The connect an SRS client (edge, forwarder) sends, with SRS's property order and
         * its Flash-like values.
         */
        public static Connect forClient(String app, String tcUrl, String swfUrl, String pageUrl,
                                        Optional<Amf0Object> arguments) {
            Amf0Object o = Amf0Object.of()
                    .put("app", app)
                    .put("flashVer", "WIN 15,0,0,239")
                    .put("swfUrl", swfUrl)
                    .put("tcUrl", tcUrl)
                    .put("fpad", false)
                    .put("capabilities", 239.0)
                    .put("audioCodecs", 3575.0)
                    .put("videoCodecs", 252.0)
                    .put("videoFunction", 1.0)
                    .put("pageUrl", pageUrl)
                    .put("objectEncoding", 0.0);
            return new Connect(1, o, arguments);
        }

        @Override
        public String name() {
            return CommandNames.CONNECT;
        }

        /** Absent when missing or not a string; SRS then rejects the client. */
        public Optional<String> tcUrl() {
            return commandObject.getString("tcUrl");
        }

        public String app() {
            return commandObject.getString("app", "");
        }

        public String flashVer() {
            return commandObject.getString("flashVer", "");
        }

        public String swfUrl() {
            return commandObject.getString("swfUrl", "");
        }

        public String pageUrl() {
            return commandObject.getString("pageUrl", "");
        }

        /** 0 (AMF0) unless the client says otherwise; echoed in the connect reply. */
        public double objectEncoding() {
            return commandObject.getNumber("objectEncoding", 0);
        }

        public OptionalDouble audioCodecs() {
            return commandObject.getNumber("audioCodecs");
        }

        public OptionalDouble videoCodecs() {
            return commandObject.getNumber("videoCodecs");
        }
    }

    /**
     * {@code _result} or {@code _error}: command object (the "properties" of a connect reply,
     * else usually null) and arguments (the connect "information" object, the createStream
     * stream id, undefined for releaseStream/FCPublish...).
     */
    record CallResult(String name, double transactionId, Amf0Value commandObject, List<Amf0Value> arguments)
            implements RtmpCommand {
        public CallResult {
            if (!CommandNames.RESULT.equals(name) && !CommandNames.ERROR.equals(name)) {
                throw new IllegalArgumentException("not _result/_error: " + name);
            }
            Objects.requireNonNull(commandObject, "commandObject");
            arguments = List.copyOf(arguments);
        }

        public static CallResult result(double transactionId, Amf0Value commandObject, Amf0Value... arguments) {
            return new CallResult(CommandNames.RESULT, transactionId, commandObject, List.of(arguments));
        }

        public boolean isError() {
            return CommandNames.ERROR.equals(name);
        }

        /** The command object when it is an object (connect reply properties). */
        public Optional<Amf0Object> properties() {
            return commandObject instanceof Amf0Object o ? Optional.of(o) : Optional.empty();
        }

        /** The first argument when it is an object (connect reply information). */
        public Optional<Amf0Object> information() {
            return !arguments.isEmpty() && arguments.getFirst() instanceof Amf0Object o
                    ? Optional.of(o) : Optional.empty();
        }

        /** The first argument when it is a number (the createStream reply's stream id). */
        public OptionalDouble streamId() {
            return !arguments.isEmpty() && arguments.getFirst() instanceof Amf0Number n
                    ? OptionalDouble.of(n.value()) : OptionalDouble.empty();
        }
    }

    /** {@code createStream(tid, null)}; the reply carries the new message stream id. */
    record CreateStream(double transactionId) implements RtmpCommand {
        @Override
        public String name() {
            return CommandNames.CREATE_STREAM;
        }
    }

    /** {@code deleteStream(tid, null, streamId)}. */
    record DeleteStream(double transactionId, double streamId) implements RtmpCommand {
        @Override
        public String name() {
            return CommandNames.DELETE_STREAM;
        }
    }

    /** {@code closeStream(tid, null)}: ends play but keeps the connection. */
    record CloseStream(double transactionId) implements RtmpCommand {
        @Override
        public String name() {
            return CommandNames.CLOSE_STREAM;
        }
    }

    /** {@code releaseStream(tid, null, name)}: first command of an FMLE-style publisher. */
    record ReleaseStream(double transactionId, String streamName) implements RtmpCommand {
        public ReleaseStream {
            Objects.requireNonNull(streamName, "streamName");
        }

        @Override
        public String name() {
            return CommandNames.RELEASE_STREAM;
        }
    }

    /** {@code FCPublish(tid, null, name)}. */
    record FcPublish(double transactionId, String streamName) implements RtmpCommand {
        public FcPublish {
            Objects.requireNonNull(streamName, "streamName");
        }

        @Override
        public String name() {
            return CommandNames.FC_PUBLISH;
        }
    }

    /** {@code FCUnpublish(tid, null, name)}. */
    record FcUnpublish(double transactionId, String streamName) implements RtmpCommand {
        public FcUnpublish {
            Objects.requireNonNull(streamName, "streamName");
        }

        @Override
        public String name() {
            return CommandNames.FC_UNPUBLISH;
        }
    }

    /** {@code publish(tid, null, name, type)}; a missing type reads as "live" like SRS. */
    record Publish(double transactionId, String streamName, String type) implements RtmpCommand {
        public static final String LIVE = "live";
        public static final String RECORD = "record";
        public static final String APPEND = "append";

        public Publish {
            Objects.requireNonNull(streamName, "streamName");
            Objects.requireNonNull(type, "type");
        }

        public Publish(double transactionId, String streamName) {
            this(transactionId, streamName, LIVE);
        }

        @Override
        public String name() {
            return CommandNames.PUBLISH;
        }
    }

    /**
     * {@code play(tid, null, name[, start[, duration[, reset]]])}. Defaults as in SRS: start
     * -2 (live, else recorded), duration -1 (until the end), reset true. Reset may arrive as a
     * number (non-zero is true). The encoder writes a trailing field only when it or a later
     * one differs from its default.
     */
    record Play(double transactionId, String streamName, double start, double duration, boolean reset)
            implements RtmpCommand {
        public static final double DEFAULT_START = -2;
        public static final double DEFAULT_DURATION = -1;

        public Play {
            Objects.requireNonNull(streamName, "streamName");
        }

        public Play(double transactionId, String streamName) {
            this(transactionId, streamName, DEFAULT_START, DEFAULT_DURATION, true);
        }

        @Override
        public String name() {
            return CommandNames.PLAY;
        }
    }

    /** {@code play2(tid, null, parameters)}: stream switching for dynamic streaming. */
    record Play2(double transactionId, Amf0Object parameters) implements RtmpCommand {
        public Play2 {
            Objects.requireNonNull(parameters, "parameters");
        }

        @Override
        public String name() {
            return CommandNames.PLAY2;
        }
    }

    /** {@code pause(tid, null, isPause, timeMillis)}. */
    record Pause(double transactionId, boolean isPause, double timeMillis) implements RtmpCommand {
        @Override
        public String name() {
            return CommandNames.PAUSE;
        }
    }

    /** {@code receiveAudio(tid, null, flag)}. */
    record ReceiveAudio(double transactionId, boolean enabled) implements RtmpCommand {
        @Override
        public String name() {
            return CommandNames.RECEIVE_AUDIO;
        }
    }

    /** {@code receiveVideo(tid, null, flag)}. */
    record ReceiveVideo(double transactionId, boolean enabled) implements RtmpCommand {
        @Override
        public String name() {
            return CommandNames.RECEIVE_VIDEO;
        }
    }

    /** {@code getStreamLength(tid, null, name)}, sent by some players before play. */
    record GetStreamLength(double transactionId, String streamName) implements RtmpCommand {
        public GetStreamLength {
            Objects.requireNonNull(streamName, "streamName");
        }

        @Override
        public String name() {
            return CommandNames.GET_STREAM_LENGTH;
        }
    }

    /** {@code onStatus(tid, null, info)} sent as a command on the stream. */
    record OnStatus(double transactionId, Amf0Object info) implements RtmpCommand {
        public OnStatus {
            Objects.requireNonNull(info, "info");
        }

        public OnStatus(Amf0Object info) {
            this(0, info);
        }

        @Override
        public String name() {
            return CommandNames.ON_STATUS;
        }

        public String level() {
            return info.getString(StatusCodes.LEVEL, "");
        }

        public String code() {
            return info.getString(StatusCodes.CODE, "");
        }

        public String description() {
            return info.getString(StatusCodes.DESCRIPTION, "");
        }
    }

    /** {@code onBWDone(tid, null)}; arguments some servers append are ignored. */
    record OnBwDone(double transactionId) implements RtmpCommand {
        @Override
        public String name() {
            return CommandNames.ON_BW_DONE;
        }
    }

    /** {@code onFCPublish(tid, null, info)}. */
    record OnFcPublish(double transactionId, Amf0Object info) implements RtmpCommand {
        public OnFcPublish {
            Objects.requireNonNull(info, "info");
        }

        @Override
        public String name() {
            return CommandNames.ON_FC_PUBLISH;
        }
    }

    /** {@code onFCUnpublish(tid, null, info)}. */
    record OnFcUnpublish(double transactionId, Amf0Object info) implements RtmpCommand {
        public OnFcUnpublish {
            Objects.requireNonNull(info, "info");
        }

        @Override
        public String name() {
            return CommandNames.ON_FC_UNPUBLISH;
        }
    }

    /** {@code _checkbw(tid, null)} from Haivision encoders; answered with a null result. */
    record CheckBw(double transactionId) implements RtmpCommand {
        @Override
        public String name() {
            return CommandNames.CHECK_BW;
        }
    }

    /**
     * Any other command (port of {@code SrsCallPacket}), kept whole so it can be answered or
     * relayed. Unlike SRS, every argument is kept, not only the first; a missing command
     * object reads as null.
     */
    record Call(String name, double transactionId, Amf0Value commandObject, List<Amf0Value> arguments)
            implements RtmpCommand {
        public Call {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(commandObject, "commandObject");
            arguments = List.copyOf(arguments);
        }

        public Call(String name, double transactionId) {
            this(name, transactionId, Amf0Null.INSTANCE, List.of());
        }
    }
}
