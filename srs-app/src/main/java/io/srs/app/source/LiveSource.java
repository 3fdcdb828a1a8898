package io.srs.app.source;

import io.srs.core.SrsException;
import io.srs.kernel.codec.AudioInfo;
import io.srs.kernel.codec.AudioTag;
import io.srs.kernel.codec.CodecState;
import io.srs.kernel.codec.VideoInfo;
import io.srs.kernel.codec.VideoCodec;
import io.srs.kernel.codec.VideoTag;
import io.srs.kernel.media.MediaMessage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One live stream ({@code vhost/app/stream}): at most one publisher, any number of consumers.
 * Port of {@code SrsLiveSource}: caches metadata, sequence headers and the GOP; fans every
 * message out to all consumers by reference (the payload is never copied per player).
 *
 * <p>Threading: {@link #onAudio}, {@link #onVideo}, {@link #onMetadata} come from the publisher's
 * thread only and never block on a player, nor touch a player's queue: under the source's lock
 * the publisher updates the caches and appends the message once to the shared {@link MessageLog}
 * (O(1), whatever the number of players); after releasing it, it reads each consumer's wake
 * condition (a few volatile fields) and unparks only the waiting players whose merged-write
 * window is now full. Each consumer reads the log by its own cursor on its own thread. Consumers
 * are added and removed from player threads. The same lock makes "dump the caches into a new
 * consumer and start its cursor at the log's tail" atomic against the publisher's cache update
 * and append, so a player never misses or repeats a message at the seam. So the lock is held
 * for O(1) per message, never across a loop over the players, and a player joining or the API
 * counting never waits for a fan-out; a slow player holds nothing but its own cursor, and the
 * log drops what it has not read past the log's bounds (it overflows when it reads again).
 *
 * <p>A second lock, the lifecycle lock, orders the stream's publish and unpublish (claim, the
 * listeners' onPublish/onUnpublish, release) against reloads that start or stop outputs of a
 * live stream ({@link SourceRegistry#forEachPublishing}): a reload sees a stream either before
 * its publish or after its listeners heard of it, never an unpublish half done, so it cannot
 * start an output (HLS, forwarder) that nobody will stop. It is always taken before the data
 * lock and never by the publisher's per-message path.
 */
public final class LiveSource {
    private final String url;
    private final SourceRegistry registry;
    private final ReentrantLock lock = new ReentrantLock();
    /** Orders publish, unpublish and reloads of this stream (see the class comment). */
    private final ReentrantLock lifecycle = new ReentrantLock();
    private static final Consumer[] NONE = new Consumer[0];
    /** Every consumer; replaced whole under lock (copy on write), read without it by the fan-out. */
    private volatile Consumer[] consumers = NONE;
    /** Consumers that are players, not internal outputs; guarded by lock. */
    private int players;
    private final MetaCache meta = new MetaCache();
    private final GopCache gop = new GopCache();
    private final MixQueue mix = new MixQueue();
    /** Every message consumers get, once; guarded by lock for appends (see MessageLog). */
    private final MessageLog log;
    /** The lowest consumer cursor at the last fan-out: the log may forget what lies below. */
    private volatile long minCursor;
    /** Codec summaries for the API, fed only sequence headers (and audio format changes). */
    private final CodecState codec = new CodecState();
    /** http_remux.fast_cache's audio window; guarded by lock. */
    private final AudioCache audioCache = new AudioCache();

    private SourceSettings settings;
    private boolean atc;
    private boolean publishing;
    private String publisherId;
    private long lastPacketTime;
    private boolean monotonic = true;
    private long idleSinceNanos = System.nanoTime();

    // Counters written by the publisher thread, read by the API.
    private volatile long videoFrames;
    private volatile long audioFrames;
    private volatile long bytesIn;
    private volatile VideoInfo videoInfo;
    private volatile AudioInfo audioInfo;
    // Whether this publish carried an audio/video frame that is not a sequence header.
    private volatile boolean audioFramesSeen;
    private volatile boolean videoFramesSeen;
    // Drops of consumers that already left; guarded by lock.
    private long retiredDropped;

    LiveSource(String url, SourceRegistry registry, SourceSettings settings) {
        this.url = url;
        this.registry = registry;
        this.log = new MessageLog(0, 0);
        configure(settings);
    }

    /** The stream key: {@code vhost/app/stream}, or {@code /app/stream} on the default vhost. */
    public String url() {
        return url;
    }

    /** Applies (new) vhost settings; consumers created later follow them. */
    public void configure(SourceSettings s) {
        lock.lock();
        try {
            settings = s;
            atc = s.atc();
            log.widen(s.queueMaxBytes(), s.queueLengthMillis());
            gop.configure(s.gopCache(), s.gopCacheMaxFrames(), s.gopCacheMaxBytes());
            audioCache.configure(s.audioCacheMillis());
            if (!s.mixCorrect()) {
                mix.clear();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Claims the stream for a publisher; false when another one holds it. Registry only. */
    boolean claim(String connectionId) {
        lock.lock();
        try {
            if (publishing) {
                return false;
            }
            publishing = true;
            publisherId = connectionId;
            mix.clear();
            meta.clear();
            audioCache.clear();
            codec.reset();
            videoInfo = null;
            audioInfo = null;
            audioFramesSeen = false;
            videoFramesSeen = false;
            monotonic = true;
            lastPacketTime = 0;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the publish; players stay attached and resume when a publisher comes back. Outputs
     * hear of it before the stream can be claimed again, so an output never mixes the end of
     * one publish with the start of the next (SRS also notifies its hub before can_publish).
     */
    public void unpublish() {
        lifecycle.lock();
        try {
            lock.lock();
            try {
                if (!publishing) {
                    return;
                }
                gop.clear();
                audioCache.clear();
                mix.clear();
            } finally {
                lock.unlock();
            }
            registry.fireUnpublish(this);
            lock.lock();
            try {
                publishing = false;
                publisherId = null;
                idleSinceNanos = System.nanoTime();
            } finally {
                lock.unlock();
            }
            // Players may hold a tail shorter than their merged-write wait; no message will come
            // to push it out, so let them send what they have now.
            for (Consumer c : consumers) {
                c.wakeup();
            }
        } finally {
            lifecycle.unlock();
        }
        registry.releaseIfUnused(this);
    }

    /** The lifecycle lock; registry only (publish, {@link SourceRegistry#forEachPublishing}). */
    ReentrantLock lifecycle() {
        return lifecycle;
    }

    public boolean isPublishing() {
        lock.lock();
        try {
            return publishing;
        } finally {
            lock.unlock();
        }
    }

    public String publisherId() {
        lock.lock();
        try {
            return publisherId;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Metadata, already rewritten by the caller as SRS does (plain onMetaData with server info).
     *
     * @param bravoAtc the metadata carried {@code bravo_atc: "true"} (enables atc with atc_auto)
     */
    public void onMetadata(MediaMessage msg, boolean bravoAtc) {
        Consumer[] to;
        MessageLog.Entry e;
        long now = System.nanoTime();
        lock.lock();
        try {
            atc = settings.atc() || (settings.atcAuto() && bravoAtc);
            boolean had = meta.metadata() != null;
            meta.metadata(msg);
            if (had && settings.reduceSequenceHeader()) {
                return;
            }
            e = log.append(msg, minCursor, now);
            to = consumers;
        } finally {
            lock.unlock();
        }
        wake(to, e.seq() + 1, e.clock(), e.jump(), now);
    }

    public void onAudio(MediaMessage msg) {
        bytesIn += msg.size();
        onFrame(msg);
    }

    public void onVideo(MediaMessage msg) {
        bytesIn += msg.size();
        // Drop video with an unknown header, like SRS (#421): players choke on it.
        if (msg.size() == 0) {
            return;
        }
        onFrame(msg);
    }

    private void checkMonotonic(MediaMessage msg) {
        if (!settings.mixCorrect() && monotonic && lastPacketTime > 0 && msg.timestamp() < lastPacketTime) {
            monotonic = false;
            System.getLogger(LiveSource.class.getName()).log(System.Logger.Level.WARNING,
                    "{0}: timestamp {1} => {2}, may need mix_correct", url, lastPacketTime, msg.timestamp());
        }
        lastPacketTime = msg.timestamp();
    }

    /** Caches and appends under the lock, then wakes the consumers of that moment without it. */
    private void onFrame(MediaMessage msg) {
        Consumer[] to;
        MessageLog.Entry last = null;
        boolean jump = false;
        long now = System.nanoTime();
        lock.lock();
        try {
            checkMonotonic(msg);
            if (!settings.mixCorrect()) {
                if (dispatch(msg)) {
                    last = log.append(msg, minCursor, now);
                    jump = last.jump();
                }
            } else {
                mix.push(msg);
                MediaMessage m;
                while ((m = mix.pop()) != null) {
                    if (dispatch(m)) {
                        last = log.append(m, minCursor, now);
                        jump |= last.jump();
                    }
                }
            }
            to = consumers;
        } finally {
            lock.unlock();
        }
        if (last != null) {
            wake(to, last.seq() + 1, last.clock(), jump, now);
        }
    }

    /**
     * The fan-out: O(1) reads per player, no lock, no write to a player's state unless it is
     * woken; also finds the lowest cursor so the log can forget what everyone has read.
     */
    private void wake(Consumer[] to, long tail, long clock, boolean jump, long now) {
        long min = tail;
        for (Consumer c : to) {
            c.wakeIfDue(tail, clock, jump, now);
            long k = c.cursor();
            if (k < min) {
                min = k;
            }
        }
        minCursor = min;
    }

    /** Updates the caches and counters; true when consumers get {@code msg}. Under the lock. */
    private boolean dispatch(MediaMessage msg) {
        boolean header;
        boolean drop = false;
        if (msg.isAudio()) {
            header = AudioTag.isSequenceHeader(msg.payload());
            // MP3 has no sequence header; SRS keeps the first frame as one so players learn the codec.
            boolean mp3First = meta.audioHeader() == null
                    && AudioTag.soundFormatOf(msg.payload()) == AudioTag.FORMAT_MP3;
            if (header && settings.reduceSequenceHeader() && meta.repeatsAudioHeader(msg)) {
                drop = true;
            }
            if (header || mp3First) {
                meta.audioHeader(msg);
            }
            if (header || mp3First || AudioTag.soundFormatOf(msg.payload()) != codec.audioFormat()) {
                trackCodec(msg);
            }
            audioFrames++;
        } else {
            if (VideoTag.codecOf(msg.payload()) == VideoCodec.OTHER && !VideoTag.isSequenceHeader(msg.payload())) {
                // Still relayed: players may know codecs we do not parse.
                header = false;
            } else {
                header = VideoTag.isSequenceHeader(msg.payload());
            }
            if (header && settings.reduceSequenceHeader() && meta.repeatsVideoHeader(msg)) {
                drop = true;
            }
            if (header) {
                meta.videoHeader(msg);
                trackCodec(msg);
            }
            videoFrames++;
        }
        if (header) {
            return !drop;
        }
        // Read before written: a volatile store per frame would cost the publisher a fence.
        if (msg.isAudio()) {
            if (!audioFramesSeen) {
                audioFramesSeen = true;
            }
        } else if (!videoFramesSeen) {
            videoFramesSeen = true;
        }
        gop.cache(msg);
        if (msg.isAudio()) {
            audioCache.cache(msg);
        }
        if (atc) {
            meta.stamp(msg.timestamp(), msg.isVideo());
        }
        return true;
    }

    /** Updates the API's codec summary; a header we cannot parse is still relayed, just not described. */
    private void trackCodec(MediaMessage msg) {
        try {
            if (msg.isAudio()) {
                codec.onAudio(msg);
                audioInfo = codec.audioInfo();
            } else {
                codec.onVideo(msg);
                videoInfo = codec.videoInfo();
            }
        } catch (SrsException e) {
            System.getLogger(LiveSource.class.getName()).log(System.Logger.Level.WARNING,
                    "{0}: cannot describe the codec: {1}", url, e.describe());
        }
    }

    /**
     * A new player: its queue starts with metadata, sequence headers and the cached GOP (when a
     * publisher is live), then receives live messages. Registry only (see
     * {@link SourceRegistry#createConsumer}).
     */
    Consumer createConsumer(SourceSettings s, boolean dumpGop, boolean internal) {
        return createConsumer(s, dumpGop, internal, false);
    }

    /**
     * Like the above; with {@code dumpAudio}, a consumer of an audio-only format (.aac, .mp3)
     * that gets the audio cache ({@code http_remux.fast_cache}) instead of the GOP when the
     * source keeps one, as SRS's listeners get its SrsBufferCache.
     */
    Consumer createConsumer(SourceSettings s, boolean dumpGop, boolean internal, boolean dumpAudio) {
        lock.lock();
        try {
            Consumer c = new Consumer(this, log, s.queueLengthMillis(), s.queueMaxBytes(), s.jitter(), atc, internal);
            log.widen(s.queueMaxBytes(), s.queueLengthMillis());
            if (publishing) {
                if (atc && !gop.isEmpty()) {
                    long t = gop.startTime();
                    meta.stamp(t, true);
                    meta.stamp(t, false);
                }
                if (meta.metadata() != null) {
                    c.preload(meta.metadata());
                }
                // Audio header first helps HLS guess the right audio codec (SRS does the same);
                // MP3's "header" is a media frame, left to the GOP.
                if (meta.audioHeader() != null && AudioTag.isSequenceHeader(meta.audioHeader().payload())) {
                    c.preload(meta.audioHeader());
                }
                if (meta.videoHeader() != null) {
                    c.preload(meta.videoHeader());
                }
                if (dumpAudio && audioCache.enabled()) {
                    for (MediaMessage m : audioCache.messages()) {
                        c.preload(m);
                    }
                } else if (dumpGop) {
                    List<MediaMessage> cached = gop.messages();
                    for (int i = 0; i < cached.size(); i++) {
                        c.preload(cached.get(i));
                    }
                }
            }
            Consumer[] now = Arrays.copyOf(consumers, consumers.length + 1);
            now[now.length - 1] = c;
            consumers = now;
            if (!internal) {
                players++;
            }
            return c;
        } finally {
            lock.unlock();
        }
    }

    void removeConsumer(Consumer c) {
        int left;
        lock.lock();
        try {
            Consumer[] cur = consumers;
            int at = -1;
            for (int i = 0; i < cur.length && at < 0; i++) {
                if (cur[i] == c) {
                    at = i;
                }
            }
            if (at < 0) {
                return;
            }
            Consumer[] now = new Consumer[cur.length - 1];
            System.arraycopy(cur, 0, now, 0, at);
            System.arraycopy(cur, at + 1, now, at, cur.length - at - 1);
            consumers = now;
            if (!c.isInternal()) {
                players--;
            }
            retiredDropped += c.dropped();
            left = playerCount();
            if (left == 0) {
                idleSinceNanos = System.nanoTime();
            }
        } finally {
            lock.unlock();
        }
        registry.fireConsumerRemoved(this, left);
        registry.releaseIfUnused(this);
    }

    /** Times the GOP cache was cleared for going over its frame or byte cap. */
    public long gopCacheOverflows() {
        lock.lock();
        try {
            return gop.overflows();
        } finally {
            lock.unlock();
        }
    }

    /** Messages the shared log holds now (what some consumer has not read yet). */
    int logSize() {
        lock.lock();
        try {
            return log.size();
        } finally {
            lock.unlock();
        }
    }

    /** Messages the shared log dropped for its bounds before every consumer read them. */
    public long logLost() {
        lock.lock();
        try {
            return log.lost();
        } finally {
            lock.unlock();
        }
    }

    /** Payload bytes in the GOP cache now. */
    public long gopCacheBytes() {
        lock.lock();
        try {
            return gop.bytes();
        } finally {
            lock.unlock();
        }
    }

    /** Players attached (internal consumers such as HLS and forwarders do not count). */
    public int consumerCount() {
        lock.lock();
        try {
            return playerCount();
        } finally {
            lock.unlock();
        }
    }

    /** Internal consumers attached: outputs of the server itself (HLS, forward). */
    public int outputCount() {
        lock.lock();
        try {
            return consumers.length - players;
        } finally {
            lock.unlock();
        }
    }

    private int playerCount() {
        return players;
    }

    /** Unused: no publisher and no consumer, so the registry may forget it. */
    boolean isUnused() {
        lock.lock();
        try {
            return !publishing && consumers.length == 0;
        } finally {
            lock.unlock();
        }
    }

    /** Since when no player has been attached (for publish.kickoff_for_idle). */
    public long idleSinceNanos() {
        lock.lock();
        try {
            return playerCount() == 0 ? idleSinceNanos : System.nanoTime();
        } finally {
            lock.unlock();
        }
    }

    /** The cached sequence headers and metadata, for outputs that start mid-stream. */
    public MediaMessage metadata() {
        lock.lock();
        try {
            return meta.metadata();
        } finally {
            lock.unlock();
        }
    }

    public MediaMessage videoSequenceHeader() {
        lock.lock();
        try {
            return meta.videoHeader();
        } finally {
            lock.unlock();
        }
    }

    public MediaMessage audioSequenceHeader() {
        lock.lock();
        try {
            return meta.audioHeader();
        } finally {
            lock.unlock();
        }
    }

    public long videoFrames() {
        return videoFrames;
    }

    public long audioFrames() {
        return audioFrames;
    }

    /**
     * True once this publish carried an audio frame that is not a sequence header: HTTP-FLV's
     * {@code guess_has_av} asks, as a viewer's first batch may hold video frames only.
     */
    public boolean hasAudioFrames() {
        return audioFramesSeen;
    }

    /** True once this publish carried a video frame that is not a sequence header. */
    public boolean hasVideoFrames() {
        return videoFramesSeen;
    }

    public long bytesIn() {
        return bytesIn;
    }

    /** The current publisher's video codec (from its sequence header), or null. Any thread. */
    public VideoInfo videoInfo() {
        return videoInfo;
    }

    /** The current publisher's audio codec, or null before the first audio. Any thread. */
    public AudioInfo audioInfo() {
        return audioInfo;
    }

    /** Messages dropped by slow players' queues, over the life of this source. */
    public long droppedFrames() {
        long n;
        Consumer[] live;
        lock.lock();
        try {
            // Consistent pair: a consumer leaves the array and adds its drops to the total at once.
            n = retiredDropped;
            live = consumers;
        } finally {
            lock.unlock();
        }
        for (Consumer c : live) {
            n += c.dropped();
        }
        return n;
    }

    /** Closes every consumer, e.g. when the server stops. */
    void closeConsumers() {
        for (Consumer c : consumers) {
            c.close();
        }
    }
}
