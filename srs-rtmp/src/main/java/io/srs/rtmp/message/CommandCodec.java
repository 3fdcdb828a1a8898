package io.srs.rtmp.message;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;
import io.srs.core.bytes.ByteReader;
import io.srs.core.bytes.ByteWriter;
import io.srs.core.bytes.Bytes;
import io.srs.rtmp.amf0.Amf0Boolean;
import io.srs.rtmp.amf0.Amf0Null;
import io.srs.rtmp.amf0.Amf0Number;
import io.srs.rtmp.amf0.Amf0Object;
import io.srs.rtmp.amf0.Amf0Reader;
import io.srs.rtmp.amf0.Amf0Value;
import io.srs.rtmp.amf0.Amf0Writer;
import io.srs.rtmp.message.RtmpCommand.Call;
import io.srs.rtmp.message.RtmpCommand.CallResult;
import io.srs.rtmp.message.RtmpCommand.CheckBw;
import io.srs.rtmp.message.RtmpCommand.CloseStream;
import io.srs.rtmp.message.RtmpCommand.Connect;
import io.srs.rtmp.message.RtmpCommand.CreateStream;
import io.srs.rtmp.message.RtmpCommand.DeleteStream;
import io.srs.rtmp.message.RtmpCommand.FcPublish;
import io.srs.rtmp.message.RtmpCommand.FcUnpublish;
import io.srs.rtmp.message.RtmpCommand.GetStreamLength;
import io.srs.rtmp.message.RtmpCommand.OnBwDone;
import io.srs.rtmp.message.RtmpCommand.OnFcPublish;
import io.srs.rtmp.message.RtmpCommand.OnFcUnpublish;
import io.srs.rtmp.message.RtmpCommand.OnStatus;
import io.srs.rtmp.message.RtmpCommand.Pause;
import io.srs.rtmp.message.RtmpCommand.Play;
import io.srs.rtmp.message.RtmpCommand.Play2;
import io.srs.rtmp.message.RtmpCommand.Publish;
import io.srs.rtmp.message.RtmpCommand.ReceiveAudio;
import io.srs.rtmp.message.RtmpCommand.ReceiveVideo;
import io.srs.rtmp.message.RtmpCommand.ReleaseStream;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decoding and encoding of command payloads; see {@code SrsProtocol::do_decode_message}.
 *
 * <p>Commands SRS decodes itself (connect, createStream, closeStream, play, pause, publish,
 * releaseStream, FCPublish, FCUnpublish) fail like SRS when their fields are malformed. The
 * others SRS treats as a generic call, so when their expected shape does not match they fall
 * back to {@link Call} instead of failing. One relaxation: where SRS requires a null command
 * object we accept any value there, since nothing reads it.
 */
final class CommandCodec {
    private CommandCodec() {
    }

    static RtmpMessage decode(Bytes payload, boolean amf3) {
        ByteReader in = payload.reader();
        if (amf3 && in.hasRemaining()) {
            in.skip(1); // AMF3 command: a format byte, then AMF0 as SRS reads it
        }
        Amf0Reader r = new Amf0Reader(in);
        String name = r.readString();
        if (name.equals(CommandNames.SET_DATA_FRAME) || name.equals(CommandNames.ON_META_DATA)) {
            return DataCodec.metadata(name, r); // SRS decodes metadata whatever the message type
        }
        return switch (name) {
            case CommandNames.RESULT, CommandNames.ERROR -> callResult(name, r);
            case CommandNames.CONNECT -> connect(r);
            case CommandNames.CREATE_STREAM -> new CreateStream(tidAndObject(r));
            case CommandNames.CLOSE_STREAM -> new CloseStream(tidAndObject(r));
            case CommandNames.PLAY -> play(r);
            case CommandNames.PAUSE -> {
                double tid = tidAndObject(r);
                boolean pause = r.readBoolean();
                yield new Pause(tid, pause, r.readNumber());
            }
            case CommandNames.PUBLISH -> {
                double tid = tidAndObject(r);
                String stream = r.readString();
                yield new Publish(tid, stream, r.hasRemaining() ? r.readString() : Publish.LIVE);
            }
            case CommandNames.RELEASE_STREAM -> new ReleaseStream(tidAndObject(r), r.readString());
            case CommandNames.FC_PUBLISH -> new FcPublish(tidAndObject(r), r.readString());
            case CommandNames.FC_UNPUBLISH -> new FcUnpublish(tidAndObject(r), r.readString());
            case CommandNames.DELETE_STREAM -> orCall(name, r, x -> new DeleteStream(tidAndObject(x), x.readNumber()));
            case CommandNames.PLAY2 -> orCall(name, r, x -> new Play2(tidAndObject(x), x.readObject()));
            case CommandNames.RECEIVE_AUDIO ->
                    orCall(name, r, x -> new ReceiveAudio(tidAndObject(x), x.readBoolean()));
            case CommandNames.RECEIVE_VIDEO ->
                    orCall(name, r, x -> new ReceiveVideo(tidAndObject(x), x.readBoolean()));
            case CommandNames.GET_STREAM_LENGTH ->
                    orCall(name, r, x -> new GetStreamLength(tidAndObject(x), x.readString()));
            case CommandNames.ON_STATUS -> orCall(name, r, x -> new OnStatus(tidAndObject(x), x.readObject()));
            case CommandNames.ON_FC_PUBLISH ->
                    orCall(name, r, x -> new OnFcPublish(tidAndObject(x), x.readObject()));
            case CommandNames.ON_FC_UNPUBLISH ->
                    orCall(name, r, x -> new OnFcUnpublish(tidAndObject(x), x.readObject()));
            case CommandNames.ON_BW_DONE -> orCall(name, r, x -> new OnBwDone(x.readNumber()));
            case CommandNames.CHECK_BW -> orCall(name, r, x -> new CheckBw(x.readNumber()));
            default -> call(name, r);
        };
    }

    private static RtmpCommand orCall(String name, Amf0Reader r, Function<Amf0Reader, RtmpCommand> specific) {
        int start = r.input().position();
        try {
            return specific.apply(r);
        } catch (SrsException e) {
            r.input().position(start);
            return call(name, r);
        }
    }

    private static double tidAndObject(Amf0Reader r) {
        double tid = r.readNumber();
        r.read();
        return tid;
    }

    private static Call call(String name, Amf0Reader r) {
        if (name.isEmpty()) {
            throw new SrsException(ErrorCode.RTMP_AMF0_DECODE, "empty command name");
        }
        double tid = r.readNumber();
        Amf0Value object = r.hasRemaining() ? r.read() : Amf0Null.INSTANCE;
        return new Call(name, tid, object, r.readAll());
    }

    private static CallResult callResult(String name, Amf0Reader r) {
        double tid = r.readNumber();
        // RED5 1.0.6 sends null properties in the connect reply (ossrs/srs#418): any value is fine.
        Amf0Value object = r.hasRemaining() ? r.read() : Amf0Null.INSTANCE;
        return new CallResult(name, tid, object, r.readAll());
    }

    private static Connect connect(Amf0Reader r) {
        double tid = r.readNumber(); // clients do not always send 1; SRS only warns
        Amf0Object object = r.readObject();
        Optional<Amf0Object> args = Optional.empty();
        if (r.hasRemaining() && r.read() instanceof Amf0Object o) {
            args = Optional.of(o); // anything but an object is dropped, ossrs/srs#186
        }
        return new Connect(tid, object, args);
    }

    private static Play play(Amf0Reader r) {
        double tid = tidAndObject(r);
        String stream = r.readString();
        double start = r.hasRemaining() ? r.readNumber() : Play.DEFAULT_START;
        double duration = r.hasRemaining() ? r.readNumber() : Play.DEFAULT_DURATION;
        boolean reset = true;
        if (r.hasRemaining()) {
            reset = switch (r.read()) {
                case Amf0Boolean b -> b.value();
                case Amf0Number n -> n.value() != 0;
                case Amf0Value v -> throw new SrsException(ErrorCode.RTMP_AMF0_DECODE,
                        "play reset must be a boolean or number, got " + v.getClass().getSimpleName());
            };
        }
        return new Play(tid, stream, start, duration, reset);
    }

    static void encode(RtmpCommand command, ByteWriter out) {
        Amf0Writer w = new Amf0Writer(out);
        w.writeString(command.name()).writeNumber(command.transactionId());
        switch (command) {
            case Connect c -> {
                w.write(c.commandObject());
                c.arguments().ifPresent(w::write);
            }
            case CallResult c -> writeAll(w.write(c.commandObject()), c.arguments());
            case Call c -> writeAll(w.write(c.commandObject()), c.arguments());
            case CreateStream c -> w.writeNull();
            case CloseStream c -> w.writeNull();
            case OnBwDone c -> w.writeNull();
            case CheckBw c -> w.writeNull();
            case DeleteStream c -> w.writeNull().writeNumber(c.streamId());
            case ReleaseStream c -> w.writeNull().writeString(c.streamName());
            case FcPublish c -> w.writeNull().writeString(c.streamName());
            case FcUnpublish c -> w.writeNull().writeString(c.streamName());
            case GetStreamLength c -> w.writeNull().writeString(c.streamName());
            case Publish c -> w.writeNull().writeString(c.streamName()).writeString(c.type());
            case Play c -> writePlay(w.writeNull(), c);
            case Play2 c -> w.writeNull().write(c.parameters());
            case Pause c -> w.writeNull().writeBoolean(c.isPause()).writeNumber(c.timeMillis());
            case ReceiveAudio c -> w.writeNull().writeBoolean(c.enabled());
            case ReceiveVideo c -> w.writeNull().writeBoolean(c.enabled());
            case OnStatus c -> w.writeNull().write(c.info());
            case OnFcPublish c -> w.writeNull().write(c.info());
            case OnFcUnpublish c -> w.writeNull().write(c.info());
        }
    }

    /** SRS's SrsPlayPacket: a trailing field is written only if it or a later one is not default. */
    private static void writePlay(Amf0Writer w, Play p) {
        w.writeString(p.streamName());
        boolean writeReset = !p.reset();
        boolean writeDuration = writeReset || p.duration() != Play.DEFAULT_DURATION;
        boolean writeStart = writeDuration || p.start() != Play.DEFAULT_START;
        if (writeStart) {
            w.writeNumber(p.start());
        }
        if (writeDuration) {
            w.writeNumber(p.duration());
        }
        if (writeReset) {
            w.writeBoolean(false);
        }
    }

    private static void writeAll(Amf0Writer w, List<Amf0Value> values) {
        for (Amf0Value v : values) {
            w.write(v);
        }
    }
}
