package io.srs.app.rtmp;

import io.srs.app.config.PlayConfig;
import io.srs.app.config.VhostConfig;
import io.srs.app.source.Consumer;
import io.srs.core.SrsException;
import io.srs.kernel.media.MediaBatch;
import io.srs.kernel.media.MediaMessage;
import io.srs.kernel.media.MessageType;
import io.srs.rtmp.message.MessageCodec;
import io.srs.rtmp.message.RtmpCommand;
import io.srs.rtmp.message.ServerReplies;
import io.srs.rtmp.request.RtmpRequest;
import io.srs.rtmp.session.RtmpServerSession;
import io.srs.core.log.Context;

import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * One play session: the play replies, then the connection's thread writes the consumer's
 * messages in batches (merged write) while a second virtual thread reads the player's control
 * messages (pause, closeStream, calls). Port of {@code SrsRtmpConn::do_playing} and
 * {@code SrsQueueRecvThread}. Whichever side ends first closes the consumer, which wakes the
 * other.
 */
final class Player {
    private static final System.Logger LOG = System.getLogger(Player.class.getName());
    /** Messages per write at most, like SRS_PERF_MW_MSGS. */
    static final int MAX_BATCH = 128;
    /**
     * The batch's size after the first write: a steady merged window of the benchmark stream is
     * ~24 messages, and a batch of 128 kept for the whole play cost ~1.1 KB per player.
     */
    private static final int STEADY_BATCH = 32;

    private final RtmpConnection conn;
    private final RtmpServerSession session;
    private final RtmpRequest req;
    private final VhostConfig vhost;
    private final Kbps outKbps = new Kbps();

    private volatile boolean closeStream;
    private volatile RuntimeException receiveError;

    Player(RtmpConnection conn, RtmpServerSession session, RtmpRequest req, VhostConfig vhost) {
        this.conn = conn;
        this.session = session;
        this.req = req;
        this.vhost = vhost;
    }

    /** Returns when the player sent closeStream (it may play again); throws when it left. */
    void run() throws IOException, InterruptedException {
        int sid = RtmpConnection.STREAM_ID;
        session.startPlay(sid);
        // on_play after the play replies, before any media: a refusal ends the connection.
        conn.service().events().onPlay(conn, req);
        try {
            play();
        } finally {
            conn.service().events().onStop(conn, req);
        }
    }

    private void play() throws IOException, InterruptedException {
        String url = req.streamUrl();
        Consumer consumer = conn.service().sources().createConsumer(url, RtmpService.settings(vhost, req.param()), true);
        LOG.log(Level.INFO, "play start, stream={0}", url);
        conn.connection().socket().setSoTimeout(0);
        String cid = Context.current();
        Thread receiver = Thread.ofVirtual().name("recv-" + conn.id())
                .start(() -> ScopedValue.where(Context.CID, cid).run(() -> receive(consumer)));
        WriteWatchdog.Watch watch = conn.service().watchdog().watch(conn.id(), conn::close);
        long sent = 0;
        try {
            sent = write(consumer, watch);
        } finally {
            conn.service().watchdog().unwatch(watch);
            consumer.close();
            LOG.log(Level.INFO, "play end, stream={0}, msgs={1}, dropped={2}", url, sent, consumer.dropped());
        }
        receiver.join();
        if (receiveError != null) {
            throw receiveError;
        }
    }

    private long write(Consumer consumer, WriteWatchdog.Watch watch) throws InterruptedException {
        PlayConfig play = vhost.play();
        int mwMsgs = vhost.minLatency() ? 0 : play.mwMsgs();
        long mwMillis = vhost.minLatency() ? 0 : play.mwLatency().toMillis();
        long minInterval = play.sendMinInterval().toMillis();
        MediaBatch batch = new MediaBatch(MAX_BATCH);
        boolean first = true;
        long sent = 0;
        while (true) {
            // The first batch goes out as soon as anything is queued: it is the cached GOP, and
            // waiting for a merged write would only delay the first picture. No time limit on
            // the wait: close, pause and new messages all signal, and a timer per wait costs.
            boolean open = first ? consumer.await(0, 0, 0) : consumer.await(mwMsgs, mwMillis, 0);
            if (!open) {
                return sent;
            }
            batch.clear();
            consumer.drain(batch, MAX_BATCH);
            if (batch.isEmpty()) {
                continue;
            }
            watch.begin();
            try {
                session.sendMedia(batch);
            } finally {
                watch.end();
            }
            sent += batch.size();
            if (first) {
                // The first batch was the cached GOP: let the steady ones start small again.
                batch = new MediaBatch(STEADY_BATCH);
                first = false;
            }
            if (conn.service().stage(false).tryPrint()) {
                LOG.log(Level.INFO, "-> PLA time={0}s, msgs={1}, okbps={2}, queue={3}, dropped={4}, stream={5}",
                        (long) conn.aliveSeconds(), sent, outKbps.sample(conn.bytesSent()), consumer.size(),
                        consumer.dropped(), req.streamUrl());
            }
            if (minInterval > 0) {
                Thread.sleep(minInterval);
            }
        }
    }

    /** The receive side: control commands; ends on closeStream, on error, or when play ends. */
    private void receive(Consumer consumer) {
        try {
            while (!consumer.isClosed()) {
                MediaMessage msg = session.readMessage();
                if (!MessageType.isCommand(msg.type())) {
                    continue;
                }
                switch (MessageCodec.decode(msg)) {
                    case RtmpCommand.CloseStream c -> {
                        closeStream = true;
                        return;
                    }
                    case RtmpCommand.Pause p -> {
                        consumer.pause(p.isPause());
                        session.pauseNotify(RtmpConnection.STREAM_ID, p.isPause());
                        LOG.log(Level.INFO, "play {0}, stream={1}", p.isPause() ? "paused" : "resumed", req.streamUrl());
                    }
                    case RtmpCommand cmd when cmd.transactionId() > 0 ->
                            session.sendAndFlush(ServerReplies.nullResult(cmd.transactionId()), 0);
                    default -> {
                        // Nothing to answer.
                    }
                }
            }
        } catch (SrsException e) {
            receiveError = e;
        } catch (RuntimeException e) {
            receiveError = SrsException.wrap(e, "play receive");
        } finally {
            consumer.close();
        }
    }
}
