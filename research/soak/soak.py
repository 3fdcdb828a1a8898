#!/usr/bin/env python3
"""Churn soak (issue 18): an origin and an edge (./srs), with

* publishers (ffmpeg -c copy) that come and go every second on the origin, 3-10 s each;
* players (ffmpeg -c copy to null) that come and go every second, half on the origin, half on
  the edge (which pulls from the origin through a proxy that cuts every link every 15 s: edge
  pulls that lose their origin);
* http_hooks on both servers pointing at a receiver that fails every 3rd call (500) and times
  out every 7th (sleeps past the server's 30 s hook timeout);
* a reload every minute on both (the origin's raw API POST, SIGHUP to the edge).

Every 10 s it forces a GC in each server and samples heap used after it, platform threads and
open file descriptors; one CSV line per sample on stderr, one JSON summary on stdout at the end.

    python3 research/soak/soak.py                 # the 10-minute profile
    python3 research/soak/soak.py --minutes 60    # the hour the issue asks for
"""
import argparse, asyncio, http.server, json, os, random, re, signal, socket, subprocess, sys, tempfile, \
    threading, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Hooks(http.server.BaseHTTPRequestHandler):
    calls = 0
    lock = threading.Lock()

    def do_POST(self):
        with Hooks.lock:
            Hooks.calls += 1
            n = Hooks.calls
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if n % 7 == 0:
            time.sleep(35)  # past the server's 30 s hook timeout
        status, body = (500, b"fail") if n % 3 == 0 else (200, b"0")
        try:
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass

    def log_message(self, *a):
        pass


async def cutting_proxy(listen_port, target_port, cut_every, counters):
    links = set()

    async def pipe(r, w):
        try:
            while data := await r.read(65536):
                w.write(data)
                await w.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            w.close()

    async def handle(cr, cw):
        try:
            ur, uw = await asyncio.open_connection("127.0.0.1", target_port)
        except OSError:
            cw.close()
            return
        links.add((cw, uw))
        await asyncio.gather(pipe(cr, uw), pipe(ur, cw))
        links.discard((cw, uw))

    server = await asyncio.start_server(handle, "127.0.0.1", listen_port)
    async with server:
        while True:
            await asyncio.sleep(cut_every)
            counters["origin_cuts"] += 1
            for cw, uw in list(links):
                cw.close()
                uw.close()


def start_server(conf_text, work, name):
    conf = os.path.join(work, name + ".conf")
    with open(conf, "w") as f:
        f.write(conf_text)
    log = open(os.path.join(work, name + ".out"), "w")
    p = subprocess.Popen([os.path.join(ROOT, "srs"), "-c", conf], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    return p


def java_child(launcher):
    for _ in range(600):
        kids = subprocess.run(["pgrep", "-P", str(launcher.pid)], capture_output=True, text=True).stdout.split()
        if kids:
            return int(kids[0])
        time.sleep(0.05)
    raise SystemExit("no java under the launcher")


def wait_port(port, seconds=120):
    end = time.time() + seconds
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"port {port} never opened")


def sample(pid):
    jcmd = os.path.join(os.path.dirname(os.readlink(f"/proc/{pid}/exe")), "jcmd")
    subprocess.run([jcmd, str(pid), "GC.run"], capture_output=True)
    out = subprocess.run([jcmd, str(pid), "GC.heap_info"], capture_output=True, text=True).stdout
    m = re.search(r"used (\d+)K", out)
    return {"heap_kb": int(m.group(1)) if m else -1, "threads": len(os.listdir(f"/proc/{pid}/task")),
            "fds": len(os.listdir(f"/proc/{pid}/fd"))}


async def churn(args):
    work = tempfile.mkdtemp(prefix="srs-soak")
    clip = os.path.join(work, "clip.flv")
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                    "-t", "10", "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-pix_fmt", "yuv420p",
                    "-b:v", "300k", "-c:a", "aac", "-b:a", "64k", "-f", "flv", clip], check=True)
    hook_port = free_port()
    hooks = http.server.ThreadingHTTPServer(("127.0.0.1", hook_port), Hooks)
    threading.Thread(target=hooks.serve_forever, daemon=True).start()
    hook_url = f"http://127.0.0.1:{hook_port}/api/v1/hooks"
    hook_block = (f"http_hooks {{ enabled on; on_connect {hook_url}; on_publish {hook_url}; on_unpublish {hook_url}; "
                  f"on_play {hook_url}; on_stop {hook_url}; on_close {hook_url}; }}")
    o_rtmp, o_api, e_rtmp, proxy = free_port(), free_port(), free_port(), free_port()
    origin = start_server(f"listen {o_rtmp}; daemon off; srs_log_tank file; srs_log_file {work}/origin.log; "
                          f"pid {work}/origin.pid;\nhttp_api {{ enabled on; listen {o_api}; raw_api {{ enabled on; "
                          f"allow_reload on; }} }}\nvhost __defaultVhost__ {{ {hook_block} }}\n", work, "origin")
    edge = start_server(f"listen {e_rtmp}; daemon off; srs_log_tank file; srs_log_file {work}/edge.log; "
                        f"pid {work}/edge.pid;\nvhost __defaultVhost__ {{ cluster {{ mode remote; origin "
                        f"127.0.0.1:{proxy}; }} {hook_block} }}\n", work, "edge")
    counters = {"publishers": 0, "players": 0, "reloads": 0, "reload_errors": 0, "origin_cuts": 0}
    procs = []
    try:
        wait_port(o_rtmp)
        wait_port(e_rtmp)
        pids = {"origin": java_child(origin), "edge": java_child(edge)}
        asyncio.ensure_future(cutting_proxy(proxy, o_rtmp, 15, counters))
        samples = {k: [] for k in pids}
        start = time.time()
        end = start + args.minutes * 60
        next_sample, next_reload = start, start + 60
        print("t,server,heap_kb,threads,fds", file=sys.stderr)
        while time.time() < end:
            now = time.time()
            procs = [(p, until) for p, until in procs if p.poll() is None]
            for p, until in procs:
                if now >= until:
                    p.terminate()
            pubs = sum(1 for p, u in procs if "pub" in p.args[-1])
            if pubs < args.publishers:
                name = f"s{random.randrange(args.publishers * 2)}"
                p = subprocess.Popen(["ffmpeg", "-hide_banner", "-loglevel", "quiet", "-re", "-stream_loop", "-1",
                                      "-i", clip, "-c", "copy", "-f", "flv",
                                      f"rtmp://127.0.0.1:{o_rtmp}/live/{name}?pub"], stdin=subprocess.DEVNULL)
                procs.append((p, now + random.uniform(3, 10)))
                counters["publishers"] += 1
            plays = len(procs) - pubs
            if plays < args.players:
                port = random.choice([o_rtmp, e_rtmp])
                name = f"s{random.randrange(args.publishers * 2)}"
                p = subprocess.Popen(["ffmpeg", "-hide_banner", "-loglevel", "quiet", "-rw_timeout", "5000000",
                                      "-i", f"rtmp://127.0.0.1:{port}/live/{name}", "-c", "copy", "-f", "null",
                                      "-"], stdin=subprocess.DEVNULL)
                procs.append((p, now + random.uniform(2, 8)))
                counters["players"] += 1
            if now >= next_reload:
                next_reload += 60
                counters["reloads"] += 1
                try:
                    req = urllib.request.Request(f"http://127.0.0.1:{o_api}/api/v1/raw?rpc=reload", data=b"{}",
                                                 method="POST", headers={"Content-Type": "application/json"})
                    urllib.request.urlopen(req, timeout=10).read()
                except OSError:
                    counters["reload_errors"] += 1
                edge.send_signal(signal.SIGHUP)
            if now >= next_sample:
                next_sample += 10
                for k, pid in pids.items():
                    s = await asyncio.to_thread(sample, pid)
                    s["t"] = round(now - start)
                    samples[k].append(s)
                    print(f"{s['t']},{k},{s['heap_kb']},{s['threads']},{s['fds']}", file=sys.stderr, flush=True)
            await asyncio.sleep(1)
        for p, _ in procs:
            p.terminate()
        # The closing sample comes after the hook timeout (30 s), so that sessions waiting on the
        # hanging hook receiver have ended: what is left open then is a leak.
        await asyncio.sleep(40)
        for k, pid in pids.items():
            s = sample(pid)
            s["t"] = round(time.time() - start)
            samples[k].append(s)
        summary = {"minutes": args.minutes, **counters, "hook_calls": Hooks.calls}
        for k, ss in samples.items():
            summary[k] = {m: {"first": ss[0][m], "last": ss[-1][m], "min": min(x[m] for x in ss),
                              "max": max(x[m] for x in ss)} for m in ("heap_kb", "threads", "fds")}
            log = os.path.join(work, k + ".log")
            text = open(log, errors="replace").read() if os.path.exists(log) else ""
            summary[k]["error_lines"] = sum(1 for line in text.splitlines() if "[error]" in line.lower())
            summary[k]["oom"] = "OutOfMemoryError" in text
        summary["work_dir"] = work
        print(json.dumps(summary))
    finally:
        for p, _ in procs:
            p.kill()
        for s in (origin, edge):
            s.send_signal(signal.SIGTERM)
            try:
                s.wait(20)
            except subprocess.TimeoutExpired:
                s.kill()
        hooks.shutdown()


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--publishers", type=int, default=4)
    ap.add_argument("--players", type=int, default=8)
    asyncio.run(churn(ap.parse_args()))
