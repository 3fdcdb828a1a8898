#!/usr/bin/env python3
"""Reload churn (issue 18's target): 500 reloads during 50 publish/unpublish cycles with HLS, DVR,
a forwarder and an edge pull, on real servers (./srs):

* an origin with HLS (hls_dispose 2 s), DVR (session plan) and `forward` to a second server;
* the forward target;
* an edge (cluster remote) pulling from the origin, with an FFmpeg player on it every cycle.

Each cycle: FFmpeg publishes the clip (-c copy) to the origin's live/s<i % 3> for 2-4 s while an
FFmpeg player reads the same stream from the edge (an edge pull). Meanwhile reloads go to the
origin, alternately SIGHUP to its launcher and POST /api/v1/raw?rpc=reload, each after the
config file was rewritten with HLS, DVR and forward switched on or off at random (the last
reload switches all on again), and every 10th reload also SIGHUPs the edge.

Before the first cycle (after one warm-up cycle) and after the last stream stopped, it counts
the stream threads of each server (virtual ones included: jcmd Thread.dump_to_file -format=json)
by name: hls-, dvr-, forward-*, edge-* (outputs and pulls); conn-, recv- (connections); and
measures heap used after a full GC (jcmd GC.run, GC.heap_info). One JSON summary on stdout.

    python3 research/soak/reload_churn.py                    # 50 cycles, 500 reloads
    python3 research/soak/reload_churn.py --cycles 5 --reloads 50
"""
import argparse, json, os, random, re, signal, subprocess, sys, tempfile, time, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from soak import ROOT, free_port, java_child, wait_port  # noqa: E402  (the churn soak's helpers)

STREAM = re.compile(r'"name": "((hls|dvr|forward|forward-recv|edge|edge-relay|edge-relay-recv)-[^"]*)"')
CONN = re.compile(r'"name": "((conn|recv)-[^"]*)"')


def jcmd(pid, *args):
    tool = os.path.join(os.path.dirname(os.readlink(f"/proc/{pid}/exe")), "jcmd")
    return subprocess.run([tool, str(pid), *args], capture_output=True, text=True).stdout


def threads(pid, work):
    dump = os.path.join(work, f"threads-{pid}-{time.time_ns()}.json")
    jcmd(pid, "Thread.dump_to_file", "-format=json", dump)
    text = open(dump).read()
    os.remove(dump)
    return ([m.group(1) for m in STREAM.finditer(text)], [m.group(1) for m in CONN.finditer(text)],
            text.count('"tid"'))


def heap_kb(pid):
    jcmd(pid, "GC.run")
    m = re.search(r"used (\d+)K", jcmd(pid, "GC.heap_info"))
    return int(m.group(1)) if m else -1


def state(pids, work):
    out = {}
    for k, pid in pids.items():
        stream, conn, total = threads(pid, work)
        out[k] = {"heap_kb": heap_kb(pid), "stream_threads": stream, "conn_threads": conn, "threads_in_dump": total,
                  "platform_threads": len(os.listdir(f"/proc/{pid}/task")), "fds": len(os.listdir(f"/proc/{pid}/fd"))}
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cycles", type=int, default=50)
    ap.add_argument("--reloads", type=int, default=500)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="srs-reloadchurn")
    clip = os.path.join(work, "clip.flv")
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                    "-t", "10", "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-pix_fmt", "yuv420p",
                    "-b:v", "300k", "-c:a", "aac", "-b:a", "64k", "-f", "flv", clip], check=True)
    o_rtmp, o_api, t_rtmp, e_rtmp = free_port(), free_port(), free_port(), free_port()
    origin_conf = os.path.join(work, "origin.conf")

    def write_origin(hls, dvr, fwd):
        with open(origin_conf, "w") as f:
            f.write(f"listen {o_rtmp}; daemon off; srs_log_tank file; srs_log_file {work}/origin.log; "
                    f"pid {work}/origin.pid;\nhttp_api {{ enabled on; listen {o_api}; raw_api {{ enabled on; "
                    f"allow_reload on; }} }}\nvhost __defaultVhost__ {{\n"
                    f"  hls {{ enabled {'on' if hls else 'off'}; hls_fragment 1; hls_window 4; hls_dispose 2; "
                    f"hls_path {work}/hls; }}\n"
                    f"  dvr {{ enabled {'on' if dvr else 'off'}; dvr_plan session; "
                    f"dvr_path {work}/dvr/[app]/[stream].[timestamp].flv; }}\n"
                    f"  forward {{ enabled {'on' if fwd else 'off'}; destination 127.0.0.1:{t_rtmp}; }}\n}}\n")

    def start(name, conf_text=None, conf=None):
        if conf is None:
            conf = os.path.join(work, name + ".conf")
            with open(conf, "w") as f:
                f.write(conf_text)
        log = open(os.path.join(work, name + ".out"), "w")
        return subprocess.Popen([os.path.join(ROOT, "srs"), "-c", conf], cwd=ROOT, stdout=log,
                                stderr=subprocess.STDOUT)

    write_origin(True, True, True)
    target = start("target", f"listen {t_rtmp}; daemon off; srs_log_tank file; srs_log_file {work}/target.log; "
                             f"pid {work}/target.pid;\nvhost __defaultVhost__ {{ }}\n")
    origin = start("origin", conf=origin_conf)
    edge = start("edge", f"listen {e_rtmp}; daemon off; srs_log_tank file; srs_log_file {work}/edge.log; "
                         f"pid {work}/edge.pid;\nvhost __defaultVhost__ {{ cluster {{ mode remote; origin "
                         f"127.0.0.1:{o_rtmp}; }} }}\n")
    servers = {"origin": origin, "target": target, "edge": edge}
    counters = {"cycles": 0, "reloads": 0, "reloads_sighup": 0, "reloads_api": 0, "reload_errors": 0,
                "edge_reloads": 0, "edge_plays_with_video": 0}
    rnd = random.Random(18)
    try:
        for p in (o_rtmp, t_rtmp, e_rtmp, o_api):
            wait_port(p)
        pids = {k: java_child(v) for k, v in servers.items()}

        def cycle(i, reload_budget):
            name = f"s{i % 3}"
            pub = subprocess.Popen(["ffmpeg", "-hide_banner", "-loglevel", "quiet", "-re", "-stream_loop", "-1",
                                    "-i", clip, "-c", "copy", "-f", "flv", f"rtmp://127.0.0.1:{o_rtmp}/live/{name}"],
                                   stdin=subprocess.DEVNULL)
            time.sleep(0.5)
            play = subprocess.Popen(["ffmpeg", "-hide_banner", "-loglevel", "error", "-rw_timeout", "5000000",
                                     "-i", f"rtmp://127.0.0.1:{e_rtmp}/live/{name}", "-map", "0:v?", "-c", "copy",
                                     "-f", "framemd5", "-"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL)
            until = time.time() + rnd.uniform(2, 4)
            gap = (until - time.time()) / max(1, reload_budget)
            done = 0
            while done < reload_budget:
                last = counters["reloads"] + 1 == args.reloads
                write_origin(*((True, True, True) if last else (rnd.random() < 0.7, rnd.random() < 0.7,
                                                                 rnd.random() < 0.7)))
                if counters["reloads"] % 2 == 0:
                    origin.send_signal(signal.SIGHUP)
                    counters["reloads_sighup"] += 1
                else:
                    try:
                        req = urllib.request.Request(f"http://127.0.0.1:{o_api}/api/v1/raw?rpc=reload", data=b"{}",
                                                     method="POST", headers={"Content-Type": "application/json"})
                        urllib.request.urlopen(req, timeout=10).read()
                        counters["reloads_api"] += 1
                    except OSError:
                        counters["reload_errors"] += 1
                if counters["reloads"] % 10 == 0:
                    edge.send_signal(signal.SIGHUP)
                    counters["edge_reloads"] += 1
                counters["reloads"] += 1
                done += 1
                time.sleep(max(0.0, min(gap, until - time.time())))
            time.sleep(max(0.0, until - time.time()))
            play.terminate()
            out = play.communicate(timeout=10)[0]
            if out.count(b"\n") > 10:
                counters["edge_plays_with_video"] += 1
            pub.terminate()
            pub.wait(10)
            counters["cycles"] += 1

        # A warm-up cycle (no reloads): classes loaded, pools made, first-use caches filled.
        write_origin(True, True, True)
        origin.send_signal(signal.SIGHUP)
        cycle(0, 0)
        time.sleep(6)  # past hls_dispose
        start_state = state(pids, work)
        per_cycle = [args.reloads // args.cycles + (1 if i < args.reloads % args.cycles else 0)
                     for i in range(args.cycles)]
        t0 = time.time()
        for i in range(args.cycles):
            cycle(i + 1, per_cycle[i])
        churn_s = time.time() - t0
        # After the last stream stopped: wait (up to 30 s) for the stream threads to end.
        t_stop = time.time()
        zero_after = None
        while time.time() - t_stop < 30:
            left = {k: threads(pid, work)[0] + threads(pid, work)[1] for k, pid in pids.items()}
            if not any(left.values()):
                zero_after = round(time.time() - t_stop, 1)
                break
            time.sleep(0.5)
        end_state = state(pids, work)
        summary = {**counters, "churn_seconds": round(churn_s), "stream_threads_zero_after_s": zero_after,
                   "start": start_state, "end": end_state, "work_dir": work}
        for k in pids:
            log = os.path.join(work, k + ".log")
            text = open(log, errors="replace").read() if os.path.exists(log) else ""
            summary[k + "_error_lines"] = sum(1 for line in text.splitlines() if "[Error]" in line)
            summary[k + "_heap_delta_kb"] = end_state[k]["heap_kb"] - start_state[k]["heap_kb"]
        print(json.dumps(summary))
    finally:
        for s in servers.values():
            s.send_signal(signal.SIGTERM)
        for s in servers.values():
            try:
                s.wait(20)
            except subprocess.TimeoutExpired:
                s.kill()


if __name__ == "__main__":
    main()
