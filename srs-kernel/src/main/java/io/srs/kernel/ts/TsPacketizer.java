package io.srs.kernel.ts;

import io.srs.core.ErrorCode;
import io.srs.core.SrsException;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Cuts PSI tables and PES packets into 188-byte transport packets (ISO/IEC 13818-1 2.4.3) and
 * writes them to a sink. Port of the packet half of {@code SrsTsContext::encode_pat_pmt} and
 * {@code SrsTsContext::encode_pes} (srs_kernel_ts.cpp). Every packet is assembled in one reused
 * array; continuity counters are kept per PID for the life of the packetizer, across sinks.
 *
 * <p>Not thread-safe.
 */
final class TsPacketizer {
    static final int PACKET_SIZE = 188;
    /** Room callers must leave in front of the elementary stream data for the PES header. */
    static final int PES_HEADROOM = 19;

    private static final int PID_PAT = 0;

    private final byte[] pkt = new byte[PACKET_SIZE];
    private final byte[] continuity = new byte[0x2000];
    private OutputStream sink;

    TsPacketizer(OutputStream sink) {
        this.sink = sink;
    }

    void sink(OutputStream sink) {
        this.sink = sink;
    }

    /** PAT with one program. */
    void writePat(int programNumber, int pmtPid) {
        int p = header(PID_PAT, true, 0);
        pkt[p++] = 0; // pointer_field
        int section = p;
        pkt[p++] = 0x00; // table_id: program_association_section
        int lengthAt = p;
        p += 2;
        pkt[p++] = 0x00; // transport_stream_id = 1, as SRS writes it
        pkt[p++] = 0x01;
        pkt[p++] = (byte) 0xc1; // version 0, current_next_indicator 1
        pkt[p++] = 0;
        pkt[p++] = 0;
        pkt[p++] = (byte) (programNumber >> 8);
        pkt[p++] = (byte) programNumber;
        pkt[p++] = (byte) (0xe0 | (pmtPid >> 8));
        pkt[p++] = (byte) pmtPid;
        finishSection(section, lengthAt, p);
    }

    /**
     * PMT for one program: elementary streams as (stream_type, pid) pairs in {@code streams},
     * {@code count} of them.
     */
    void writePmt(int pmtPid, int programNumber, int pcrPid, int[] streams, int count) {
        int p = header(pmtPid, true, 0);
        pkt[p++] = 0;
        int section = p;
        pkt[p++] = 0x02; // table_id: TS_program_map_section
        int lengthAt = p;
        p += 2;
        pkt[p++] = (byte) (programNumber >> 8);
        pkt[p++] = (byte) programNumber;
        pkt[p++] = (byte) 0xc1;
        pkt[p++] = 0;
        pkt[p++] = 0;
        pkt[p++] = (byte) (0xe0 | (pcrPid >> 8));
        pkt[p++] = (byte) pcrPid;
        pkt[p++] = (byte) 0xf0; // program_info_length 0
        pkt[p++] = 0;
        for (int i = 0; i < count; i++) {
            int type = streams[2 * i];
            int pid = streams[2 * i + 1];
            pkt[p++] = (byte) type;
            pkt[p++] = (byte) (0xe0 | (pid >> 8));
            pkt[p++] = (byte) pid;
            pkt[p++] = (byte) 0xf0; // ES_info_length 0
            pkt[p++] = 0;
        }
        finishSection(section, lengthAt, p);
    }

    private void finishSection(int section, int lengthAt, int p) {
        int length = p - lengthAt - 2 + 4; // bytes after the length field, CRC included
        pkt[lengthAt] = (byte) (0xb0 | (length >> 8)); // section_syntax_indicator 1, '0', reserved '11'
        pkt[lengthAt + 1] = (byte) length;
        int crc = Crc32Mpeg.compute(pkt, section, p - section);
        pkt[p++] = (byte) (crc >>> 24);
        pkt[p++] = (byte) (crc >>> 16);
        pkt[p++] = (byte) (crc >>> 8);
        pkt[p++] = (byte) crc;
        Arrays.fill(pkt, p, PACKET_SIZE, (byte) 0xff);
        emit();
    }

    /**
     * One PES packet. The elementary stream data is {@code buf[esOff, esOff + esLen)} and
     * {@code esOff >= PES_HEADROOM}: the PES header is written into the bytes just before it.
     *
     * @param pcr          PCR base (90 kHz) for the first packet's adaptation field, or -1
     * @param randomAccess set random_access_indicator (a video key frame starts here)
     */
    void writePes(int pid, int streamId, byte[] buf, int esOff, int esLen, long pts, long dts,
                  long pcr, boolean randomAccess) {
        boolean withDts = dts != pts;
        int headerDataLength = withDts ? 10 : 5;
        int start = esOff - 9 - headerDataLength;
        int p = start;
        buf[p++] = 0;
        buf[p++] = 0;
        buf[p++] = 1;
        buf[p++] = (byte) streamId;
        // PES_packet_length counts the bytes after it; 0 (unbounded) when it does not fit, which
        // ISO/IEC 13818-1 allows for video only. SRS writes it the same way.
        int pesLength = 3 + headerDataLength + esLen;
        if (pesLength > 0xffff) {
            pesLength = 0;
        }
        buf[p++] = (byte) (pesLength >> 8);
        buf[p++] = (byte) pesLength;
        buf[p++] = (byte) 0x80; // '10', not scrambled, no alignment flag
        buf[p++] = (byte) (withDts ? 0xc0 : 0x80);
        buf[p++] = (byte) headerDataLength;
        p = timestamp(buf, p, withDts ? 0x3 : 0x2, pts);
        if (withDts) {
            timestamp(buf, p, 0x1, dts);
        }
        packetize(pid, buf, start, esOff + esLen - start, pcr, randomAccess);
    }

    private static int timestamp(byte[] b, int p, int prefix, long v) {
        v &= 0x1ffffffffL;
        b[p++] = (byte) ((prefix << 4) | (int) (((v >> 30) & 0x07) << 1) | 1);
        b[p++] = (byte) (v >> 22);
        b[p++] = (byte) (((v >> 15) & 0x7f) << 1 | 1);
        b[p++] = (byte) (v >> 7);
        b[p++] = (byte) ((v & 0x7f) << 1 | 1);
        return p;
    }

    private void packetize(int pid, byte[] buf, int off, int len, long pcr, boolean randomAccess) {
        int end = off + len;
        boolean first = true;
        while (off < end) {
            int left = end - off;
            // Adaptation field bytes this packet needs before stuffing: length byte, flags, PCR.
            int af = 0;
            if (first && (pcr >= 0 || randomAccess)) {
                af = 2 + (pcr >= 0 ? 6 : 0);
            }
            int room = PACKET_SIZE - 4 - af;
            int stuffing = 0;
            if (left < room) {
                stuffing = room - left;
                if (af == 0) {
                    // A new adaptation field: its length byte alone fills one byte, flags a second.
                    af = stuffing == 1 ? 1 : 2;
                    stuffing -= af;
                }
            }
            int p = header(pid, first, af > 0 ? 0x30 : 0x10);
            if (af > 0) {
                pkt[p++] = (byte) (af - 1 + stuffing);
                if (af > 1) {
                    int flags = (randomAccess && first ? 0x40 : 0) | (first && pcr >= 0 ? 0x10 : 0);
                    pkt[p++] = (byte) flags;
                    if ((flags & 0x10) != 0) {
                        long base = pcr & 0x1ffffffffL;
                        pkt[p++] = (byte) (base >> 25);
                        pkt[p++] = (byte) (base >> 17);
                        pkt[p++] = (byte) (base >> 9);
                        pkt[p++] = (byte) (base >> 1);
                        pkt[p++] = (byte) (((base & 1) << 7) | 0x7e); // 6 reserved bits, extension 0
                        pkt[p++] = 0;
                    }
                }
                Arrays.fill(pkt, p, p + stuffing, (byte) 0xff);
                p += stuffing;
            }
            int n = PACKET_SIZE - p;
            System.arraycopy(buf, off, pkt, p, n);
            off += n;
            first = false;
            emit();
        }
    }

    /** Writes the 4-byte header; returns where the rest of the packet starts. */
    private int header(int pid, boolean unitStart, int adaptationControl) {
        int cc = continuity[pid];
        continuity[pid] = (byte) ((cc + 1) & 0x0f);
        pkt[0] = 0x47;
        pkt[1] = (byte) ((unitStart ? 0x40 : 0) | (pid >> 8));
        pkt[2] = (byte) pid;
        pkt[3] = (byte) ((adaptationControl == 0 ? 0x10 : adaptationControl) | cc);
        return 4;
    }

    private void emit() {
        try {
            sink.write(pkt, 0, PACKET_SIZE);
        } catch (IOException e) {
            throw new SrsException(ErrorCode.HLS_WRITE_FAILED, "write ts packet", e);
        }
    }
}
