#!/usr/bin/env python3
"""The issue-18 HTTP probes against ./srs with the default http_limits.

1. N connections (default 4,500, spread over 127.0.1.x so the per-address cap is not what stops
   them) each send up to 1 MiB of an unfinished request head: how each ends, heap used at the
   peak and after a GC, against the heap before.
2. M slowloris sockets (default 1,000) from 127.0.0.2 dribbling a head one byte every 500 ms,
   while a viewer from 127.0.0.1 fetches the playlist every 200 ms: the viewer's slowest fetch,
   and when the server closed each slow socket.

Usage (repository root): python3 research/hardening/http_limits_probe.py [--conns 4500] [--slow 1000]
Prints one JSON line. Needs jcmd from the JDK the server runs on (found beside its java).
"""
import argparse, asyncio, json, os, re, signal, socket, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def java_pid(launcher_pid):
    for _ in range(200):
        out = subprocess.run(["pgrep", "-P", str(launcher_pid)], capture_output=True, text=True).stdout.split()
        if out:
            return int(out[0])
        time.sleep(0.05)
    raise SystemExit("no java child under the launcher")


def jcmd_path(pid):
    exe = os.readlink(f"/proc/{pid}/exe")
    return os.path.join(os.path.dirname(exe), "jcmd")


def heap_used_kb(jcmd, pid, gc):
    if gc:
        subprocess.run([jcmd, str(pid), "GC.run"], capture_output=True)
    out = subprocess.run([jcmd, str(pid), "GC.heap_info"], capture_output=True, text=True).stdout
    m = re.search(r"used (\d+)K", out)
    return int(m.group(1)) if m else -1


async def big_head(src, port, limit, results):
    try:
        r, w = await asyncio.open_connection("127.0.0.1", port, local_addr=(src, 0))
    except OSError as e:
        results.append(("connect-failed", 0))
        return
    sent = 0
    head = b"GET /live/a.m3u8 HTTP/1.1\r\nHost: x\r\n"
    line = b"X-Pad: " + b"a" * 65519 + b"\r\n"
    try:
        w.write(head)
        sent += len(head)
        while sent < limit:
            w.write(line)
            await w.drain()
            sent += len(line)
        # The whole unfinished head went out: wait (bounded) for the server to end it.
        data = await asyncio.wait_for(r.read(), timeout=30)
        results.append(("closed-by-server", sent))
    except (ConnectionError, OSError):
        results.append(("closed-by-server", sent))
    except asyncio.TimeoutError:
        results.append(("held-open", sent))
    finally:
        w.close()


async def slow_head(port, closes, stop):
    t0 = time.monotonic()
    try:
        r, w = await asyncio.open_connection("127.0.0.1", port, local_addr=("127.0.0.2", 0))
        w.write(b"GET /live/a.m3u8 HTTP/1.1\r\nX-Slow: ")
        await w.drain()
        async def dribble():
            while not stop.is_set():
                await asyncio.sleep(0.5)
                w.write(b"a")
                await w.drain()
        d = asyncio.ensure_future(dribble())
        try:
            await asyncio.wait_for(r.read(), timeout=60)
            closes.append(time.monotonic() - t0)
        except (ConnectionError, OSError):
            closes.append(time.monotonic() - t0)
        except asyncio.TimeoutError:
            closes.append(None)
        d.cancel()
        w.close()
    except (ConnectionError, OSError):
        closes.append(time.monotonic() - t0)


async def viewer(port, latencies, stop):
    while not stop.is_set():
        t0 = time.monotonic()
        try:
            r, w = await asyncio.open_connection("127.0.0.1", port)
            w.write(b"GET /live/a.m3u8 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            body = await asyncio.wait_for(r.read(), timeout=10)
            ok = body.startswith(b"HTTP/1.1 200")
            w.close()
        except Exception:
            ok = False
        latencies.append((time.monotonic() - t0) if ok else None)
        await asyncio.sleep(0.2)


async def main(args):
    work = tempfile.mkdtemp(prefix="http-limits-probe")
    html = os.path.join(work, "html", "live")
    os.makedirs(html)
    with open(os.path.join(html, "a.m3u8"), "w") as f:
        f.write("#EXTM3U\n#EXT-X-TARGETDURATION:2\n")
    port = free_port()
    conf = os.path.join(work, "probe.conf")
    with open(conf, "w") as f:
        f.write(f"listen {free_port()}; daemon off; srs_log_tank file; srs_log_file {work}/srs.log; pid {work}/srs.pid;\n"
                f"http_server {{ enabled on; listen {port}; dir {work}/html; }}\n")
    launcher = subprocess.Popen([os.path.join(ROOT, "srs"), "-c", conf], cwd=ROOT,
                                stdout=open(os.path.join(work, "out.log"), "w"), stderr=subprocess.STDOUT)
    try:
        for _ in range(600):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        pid = java_pid(launcher.pid)
        jcmd = jcmd_path(pid)
        base = heap_used_kb(jcmd, pid, True)

        results, peak = [], [base]
        stop_sampling = asyncio.Event()
        async def sample():
            while not stop_sampling.is_set():
                peak.append(await asyncio.to_thread(heap_used_kb, jcmd, pid, False))
                await asyncio.sleep(0.2)
        sampler = asyncio.ensure_future(sample())
        t0 = time.monotonic()
        sem = asyncio.Semaphore(args.parallel)
        async def one(i):
            async with sem:
                await big_head(f"127.0.1.{1 + i % 50}", port, args.head, results)
        await asyncio.gather(*(one(i) for i in range(args.conns)))
        big_secs = time.monotonic() - t0
        stop_sampling.set()
        await sampler
        after_gc = heap_used_kb(jcmd, pid, True)
        kinds = {}
        for k, sent in results:
            kinds[k] = kinds.get(k, 0) + 1

        closes, latencies = [], []
        stop = asyncio.Event()
        v = asyncio.ensure_future(viewer(port, latencies, stop))
        await asyncio.gather(*(slow_head(port, closes, stop) for _ in range(args.slow)))
        stop.set()
        await v
        done = [c for c in closes if c is not None]
        ok_lat = [l for l in latencies if l is not None]
        print(json.dumps({
            "big_heads": {"connections": args.conns, "head_bytes": args.head, "outcomes": kinds,
                          "seconds": round(big_secs, 1),
                          "heap_before_kb": base, "heap_peak_kb": max(peak), "heap_after_gc_kb": after_gc,
                          "peak_growth_mb": round((max(peak) - base) / 1024, 1),
                          "after_gc_growth_mb": round((after_gc - base) / 1024, 1)},
            "slowloris": {"sockets": args.slow, "held_past_60s": len(closes) - len(done),
                          "closed_within_1s": sum(1 for c in done if c < 1),
                          "closed_between_1s_and_15s": sum(1 for c in done if 1 <= c < 15),
                          "latest_close_s": round(max(done), 2) if done else None,
                          "viewer_fetches": len(latencies), "viewer_failures": len(latencies) - len(ok_lat),
                          "viewer_slowest_s": round(max(ok_lat), 3) if ok_lat else None}}))
    finally:
        launcher.send_signal(signal.SIGTERM)
        launcher.wait(20)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--conns", type=int, default=4500)
    p.add_argument("--head", type=int, default=1 << 20)
    p.add_argument("--slow", type=int, default=1000)
    p.add_argument("--parallel", type=int, default=4500)
    asyncio.run(main(p.parse_args()))
