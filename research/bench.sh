#!/usr/bin/env bash
# Side-by-side benchmark of our server and nginx-rtmp with the load tool (research/README.md).
#
#   research/bench.sh [options] play N     one stream (ffmpeg -re -stream_loop -1 -c copy) to N players
#   research/bench.sh [options] multi N    N publishers (the load tool's) with one player each
#   research/bench.sh [options] hls N      one stream to N HLS viewers (skipped for a server
#                                          that does not serve the playlist)
#   research/bench.sh [options] flv N      one stream to N HTTP-FLV viewers (not for nginx)
#   research/bench.sh [options] flv,play N several scenarios, each server in turn, for ratios
#                                          within one run (servers first, then scenarios)
# Options:
#   --servers "srs nginx"   which servers, in this order (default both; srs7 is SRS 7's own
#                           C++ server, a release build at $SRS7_BIN, see research/README.md;
#                           base is our server from the --base checkout, for before/after;
#                           srsmr and srs7mr are ours and SRS 7 with publish { mr on; })
#   --base DIR              another checkout of this project with srs-main/target/srs.jar built
#   --duration S            load tool run time per server (default 60)
#   --ramp R                players started per second (default 500)
#   --warmup S              seconds after the ramp before the measuring window (default 5)
#   --tool "ARGS"           extra load tool arguments (e.g. "--mode full" or "--lowat 0")
#   --prime N               N unmeasured players play ~2 s before the run (warms a JIT; default 0)
#   --jfr FILE              record our JVM (srs and base) with JFR for 30 s from the window's
#                           start into FILE-srs.jfr / FILE-base.jfr, then write its class
#                           histogram next to it (duration >= N/ramp + warmup + 35)
#   --perf                  perf stat (task-clock, context switches, migrations) of every
#                           server for 10 s from the window's start; adds cs_per_s to its line
#
# Environment: SRS_JAVA_OPTS (our JVM's options, the launcher's default otherwise),
# LOAD_JAVA_OPTS (the load tool's JVM options), SRS7_BIN (SRS 7's objs/srs, default
# /work/tmp-srs/trunk/objs/srs), BENCH_PORT (RTMP port, default 19935; the others follow it),
# MR_VHOST (what srsmr and srs7mr add to the vhost; default "publish { mr on; mr_latency 350; }").
#
# Everything runs on 127.0.0.1 and stops by itself: each server runs for the tool's duration
# plus a few seconds of setup. One JSON line per server goes to stdout, then one line of ratios
# (srs / nginx); the same lines are appended to research/results/bench.jsonl.
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/research/.cache"
RESULTS="$ROOT/research/results"
CLIP="$CACHE/cbr-450k-aac64k-60s.flv"
TOOL_JAR="$ROOT/research/loadtool/target/srs-load.jar"
# Several people may benchmark on one machine: BENCH_PORT moves every port.
SRS_PORT=${BENCH_PORT:-19935}
SRS_HTTP=$((SRS_PORT - 1855))
NGINX_PORT=$((SRS_PORT + 1))
NGINX_HTTP=$((SRS_PORT - 1854))
NGINX_MODULE=/usr/lib/nginx/modules/ngx_rtmp_module.so
SRS7_PORT=$((SRS_PORT + 2))
SRS7_HTTP=$((SRS_PORT - 1853))
SRS7_BIN="${SRS7_BIN:-/work/tmp-srs/trunk/objs/srs}"
BASE_PORT=$((SRS_PORT + 3))
BASE_HTTP=$((SRS_PORT - 1852))
SRSMR_PORT=$((SRS_PORT + 4))
SRSMR_HTTP=$((SRS_PORT - 1851))
# Listening ports inside the kernel's ephemeral range collide with the load tool's own client
# sockets (SRS 7 once failed to start at BENCH_PORT=39935): refuse them up front.
if read -r eph_lo eph_hi < /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null; then
  if [ $((SRS_PORT + 10)) -ge "$eph_lo" ] && [ $((SRS_PORT - 1855)) -le "$eph_hi" ]; then
    echo "bench: BENCH_PORT=$SRS_PORT puts server ports in the ephemeral range $eph_lo-$eph_hi; pick one below $((eph_lo - 10))" >&2
    exit 2
  fi
fi
# What srsmr and srs7mr add to the vhost: SRS's merged read, by default with its default latency.
MR_VHOST="${MR_VHOST:-publish { mr on; mr_latency 350; \}}"
base_dir=""

servers="srs nginx"
duration=60
ramp=500
warmup=5
tool_extra=""
jfr=""
prime=0
perf=""

while [ $# -gt 0 ]; do
  case "$1" in
    --servers) servers="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --ramp) ramp="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --tool) tool_extra="$2"; shift 2 ;;
    --jfr) jfr="$2"; shift 2 ;;
    --prime) prime="$2"; shift 2 ;;
    --perf) perf=1; shift ;;
    --base) base_dir="$(cd "$2" && pwd)"; shift 2 ;;
    -h|--help) sed -n '2,35p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
[ $# -eq 2 ] || { sed -n '2,35p' "$0" >&2; exit 2; }
scenarios="${1//,/ }"
n="$2"
for scenario in $scenarios; do
  case "$scenario" in play|multi|hls|flv) ;; *) echo "bench: unknown scenario $scenario" >&2; exit 2 ;; esac
done

log() { echo "bench: $*" >&2; }

find_java() {
  local c
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -x "$c/bin/java" ] || continue
    if [ -f "$c/release" ] && [ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$c/release")" -ge 25 ] 2>/dev/null; then
      echo "$c/bin/java"; return 0
    fi
  done
  return 1
}
JAVA=$(find_java) || { log "no JDK >= 25 found"; exit 1; }

# More descriptors than players on both sides of every connection.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
log "open files limit $(ulimit -n)"
if [ "$(ulimit -n)" -lt $((n + 200)) ]; then
  log "ulimit -n $(ulimit -n) is too low for $n viewers"; exit 1
fi

# --- inputs: the test clip and the two programs -------------------------------------------------
mkdir -p "$CACHE" "$RESULTS"
if [ ! -f "$CLIP" ]; then
  log "making the CBR test clip (once): H.264 450 kbps CBR 640x360 25 fps GOP 2 s + AAC 64 kbps"
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=640x360:rate=25,noise=alls=12:allf=t" \
    -f lavfi -i "sine=frequency=440:sample_rate=44100" -t 60 \
    -c:v libx264 -preset veryfast -profile:v main -pix_fmt yuv420p -g 50 -keyint_min 50 -sc_threshold 0 \
    -b:v 450k -minrate 450k -maxrate 450k -bufsize 450k -x264-params nal-hrd=cbr:force-cfr=1 \
    -c:a aac -b:a 64k -ar 44100 -f flv "$CLIP.tmp" && mv "$CLIP.tmp" "$CLIP" || { log "ffmpeg failed"; exit 1; }
fi
newer() { [ -n "$(find "$@" -newer "$1" -print -quit 2>/dev/null)" ]; }
if [ ! -f "$ROOT/srs-main/target/srs.jar" ] || newer "$ROOT/srs-main/target/srs.jar" "$ROOT"/srs-*/src/main; then
  log "building the server"
  (cd "$ROOT" && mvn -q -B -DskipTests package -pl srs-main -am) >&2 || exit 1
fi
if [ -n "$base_dir" ] && { [ ! -f "$base_dir/srs-main/target/srs.jar" ] || newer "$base_dir/srs-main/target/srs.jar" "$base_dir"/srs-*/src/main; }; then
  log "building the base server in $base_dir"
  (cd "$base_dir" && mvn -q -B -DskipTests package -pl srs-main -am) >&2 || exit 1
fi
if [ ! -f "$TOOL_JAR" ] || newer "$TOOL_JAR" "$ROOT/research/loadtool/src" "$ROOT"/srs-*/src/main; then
  log "building the load tool"
  (cd "$ROOT" && mvn -q -B -Pbench -DskipTests package -pl research/loadtool -am) >&2 || exit 1
fi

# --- process bookkeeping: we stop only what we started, by pid ------------------------------------
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
  sleep 1
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_port() { # port seconds
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

stop_pid() { # pid
  kill -TERM "$1" 2>/dev/null || return 0
  local i
  for ((i = 0; i < 100; i++)); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$1" 2>/dev/null
}

# --- servers ------------------------------------------------------------------------------------
start_base() { # workdir: our server from the --base checkout, on its own ports
  [ -n "$base_dir" ] || { log "server base needs --base DIR"; return 1; }
  start_srs "$1" "$base_dir" "$BASE_PORT" "$BASE_HTTP"
}

start_srsmr() { # workdir: ours with the merged read on, on its own ports
  start_srs "$1" "$ROOT" "$SRSMR_PORT" "$SRSMR_HTTP" "$MR_VHOST"
}

start_srs7mr() { # workdir: SRS 7 with the merged read on
  start_srs7 "$1" "$MR_VHOST"
}

start_srs() { # workdir [root port http vhost-extra] -> sets spid (the JVM) and lpid (the launcher)
  local w="$1" hls="${5:-}" root="${2:-$ROOT}" port="${3:-$SRS_PORT}" http="${4:-$SRS_HTTP}"
  if [ "$scenario" = hls ]; then
    hls="$hls hls { enabled on; hls_fragment 2; hls_window 10; hls_path $w/html; }"
  elif [ "$scenario" = flv ]; then
    hls="$hls http_remux { enabled on; mount [vhost]/[app]/[stream].flv; }"
  fi
  cat >"$w/srs.conf" <<EOF
listen              127.0.0.1:$port;
max_connections     $((n * 2 + 100));
daemon              off;
srs_log_tank        file;
srs_log_file        $w/srs.log;
srs_log_level       warn;
pid                 $w/srs.pid;
rtmp_limits {
    # Every publisher and player comes from 127.0.0.1: the per-address cap (by default half
    # of max_connections) must not refuse them.
    max_connections_per_ip $((n * 2 + 100));
}
http_limits {
    # The same for HTTP-FLV and HLS viewers (http_limits caps 200 per address by default).
    max_connections        $((n * 2 + 100));
    max_connections_per_ip $((n * 2 + 100));
}
http_server {
    enabled         on;
    listen          127.0.0.1:$http;
    dir             $w/html;
}
vhost __defaultVhost__ {
    $hls
}
EOF
  mkdir -p "$w/html"
  local opts="${SRS_JAVA_OPTS:-}"
  # The launcher honours SRS_JAVA_OPTS; keep its defaults unless told otherwise.
  # HotSpot suspends threads with SIGUSR2 (its SR signal) when JFR samples them, and our server
  # takes SIGUSR2 as "quit gracefully" (the launcher turns QUIT into USR2): a JFR recording under
  # load made the server quit. Moving the JVM's SR signal to a real-time signal avoids that.
  local sr=""
  [ -n "$jfr" ] && sr="_JAVA_SR_SIGNUM=40"
  (cd "$root" && exec env ${sr:+"$sr"} ${opts:+SRS_JAVA_OPTS="$opts"} ./srs -c "$w/srs.conf") >"$w/srs.out" 2>&1 &
  lpid=$!
  pids+=("$lpid")
  wait_port "$port" 20 || { log "srs did not listen; $w/srs.out:"; tail -20 "$w/srs.out" >&2; return 1; }
  spid=$(pgrep -P "$lpid" | head -n1)
  [ -n "$spid" ] || { log "no JVM child of the launcher $lpid"; return 1; }
  pids+=("$spid")
  rtmp_port=$port
  http_port=$http
}

start_srs7() { # workdir [vhost-extra] -> sets spid; SRS 7's C++ server with the same vhost settings as ours
  local w="$1" extra="${2:-}"
  [ -x "$SRS7_BIN" ] || { log "no SRS 7 build at $SRS7_BIN (see research/README.md)"; return 1; }
  if [ "$scenario" = hls ]; then
    extra="$extra hls { enabled on; hls_fragment 2; hls_window 10; hls_path $w/html; }"
  elif [ "$scenario" = flv ]; then
    extra="$extra http_remux { enabled on; mount [vhost]/[app]/[stream].flv; }"
  fi
  mkdir -p "$w/html"
  # SRS refuses to start when max_connections (plus its ~128 own descriptors) exceeds ulimit -n.
  local maxconn=$((n * 2 + 100)) cap=$(($(ulimit -n) - 200))
  [ "$maxconn" -gt "$cap" ] && maxconn=$cap
  cat >"$w/srs7.conf" <<EOF
listen              127.0.0.1:$SRS7_PORT;
max_connections     $maxconn;
daemon              off;
srs_log_tank        file;
srs_log_file        $w/srs7.log;
srs_log_level       warn;
pid                 $w/srs7.pid;
http_server {
    enabled         on;
    listen          127.0.0.1:$SRS7_HTTP;
    dir             $w/html;
}
vhost __defaultVhost__ {
    $extra
}
EOF
  (cd "$(dirname "$SRS7_BIN")/.." && exec "$SRS7_BIN" -c "$w/srs7.conf") >"$w/srs7.out" 2>&1 &
  spid=$!
  pids+=("$spid")
  wait_port "$SRS7_PORT" 10 || { log "SRS 7 did not listen:"; tail -20 "$w/srs7.out" "$w/srs7.log" >&2; return 1; }
  rtmp_port=$SRS7_PORT
  http_port=$SRS7_HTTP
}

start_nginx() { # workdir -> sets spid
  local w="$1"
  [ "$scenario" = flv ] && { log "nginx-rtmp has no HTTP-FLV"; return 1; }
  [ -f "$NGINX_MODULE" ] || { log "nginx-rtmp missing: apt-get install -y nginx libnginx-mod-rtmp"; return 1; }
  mkdir -p "$w/html/live" "$w/logs"
  # One process (no master), like a single SRS process; the rtmp live module needs one worker.
  cat >"$w/nginx.conf" <<EOF
load_module $NGINX_MODULE;
daemon off;
master_process off;
worker_processes 1;
worker_rlimit_nofile $(ulimit -n);
pid $w/nginx.pid;
error_log $w/logs/error.log error;
events {
    worker_connections $((n * 2 + 100));
}
rtmp {
    access_log off;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        application live {
            live on;
            hls $([ "$scenario" = hls ] && echo on || echo off);
            hls_path $w/html/live;
            hls_fragment 2s;
            hls_playlist_length 10s;
        }
    }
}
http {
    include /etc/nginx/mime.types;
    access_log off;
    server {
        listen 127.0.0.1:$NGINX_HTTP;
        root $w/html;
    }
}
EOF
  nginx -c "$w/nginx.conf" -p "$w" -e "$w/logs/error.log" >"$w/nginx.out" 2>&1 &
  spid=$!
  pids+=("$spid")
  wait_port "$NGINX_PORT" 10 || { log "nginx did not listen:"; cat "$w/nginx.out" "$w/logs/error.log" >&2; return 1; }
  rtmp_port=$NGINX_PORT
  http_port=$NGINX_HTTP
}

# --- one server ---------------------------------------------------------------------------------
run_one() { # server name -> prints its JSON line
  local server="$1" w
  w=$(mktemp -d "/tmp/srs-bench-$server.XXXXXX")
  log "$server: workdir $w"
  spid=""; lpid=""
  "start_$server" "$w" || return 1
  local rss0
  rss0=$(awk '/VmRSS/ {print $2}' "/proc/$spid/status")
  local ffpid="" tool_args=()
  if [ "$scenario" = multi ]; then
    tool_args=(--publishers "$n" --flv "$CLIP" --publish-url "rtmp://127.0.0.1:$rtmp_port/live/stream-%d"
               --players "$n" --streams "$n" --url "rtmp://127.0.0.1:$rtmp_port/live/stream-%d" --delay 3)
  else
    ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "$CLIP" -c copy -f flv \
      "rtmp://127.0.0.1:$rtmp_port/live/livestream" </dev/null >"$w/ffmpeg.log" 2>&1 &
    ffpid=$!
    pids+=("$ffpid")
    if [ "$scenario" = hls ]; then
      local url="http://127.0.0.1:$http_port/live/livestream.m3u8" i ok=""
      # A few segments must exist before viewers start at the live edge minus 3.
      for ((i = 0; i < 25; i++)); do
        sleep 1
        if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ] && [ "$(curl -s "$url" | grep -c '^#EXTINF')" -ge 3 ]; then
          ok=1; break
        fi
      done
      if [ -z "$ok" ]; then
        log "$server does not serve HLS at $url; scenario skipped"
        stop_pid "$ffpid"; stop_pid "${lpid:-$spid}"
        echo "{\"server\":\"$server\",\"scenario\":\"hls\",\"viewers\":$n,\"skipped\":\"server does not serve HLS at $url\"}"
        return 0
      fi
      tool_args=(--hls "$n" --hls-url "$url")
    elif [ "$scenario" = flv ]; then
      sleep 4 # a full GOP in the cache, as a real stream would have
      tool_args=(--http-flv "$n" --http-flv-url "http://127.0.0.1:$http_port/live/livestream.flv")
    else
      sleep 4 # a full GOP in the cache, as a real stream would have
      tool_args=(--players "$n" --url "rtmp://127.0.0.1:$rtmp_port/live/livestream" --prime "$prime")
    fi
  fi
  local jfr_pid=""
  local perf_pid=""
  if [ -n "$perf" ]; then
    local pat
    pat=$(awk -v n="$n" -v r="$ramp" -v w="$warmup" 'BEGIN { printf "%.0f", n / r + w + 2 }')
    ( sleep "$pat"; perf stat -x, -e task-clock,context-switches,cpu-migrations -p "$spid" -o "$w/perf.csv" -- sleep 10 >/dev/null 2>&1 ) &
    perf_pid=$!
  fi
  if [ -n "$jfr" ] && { [ "$server" = srs ] || [ "$server" = base ] || [ "$server" = srsmr ]; }; then
    # The window starts after the ramp and warmup; record 30 s of it.
    local at
    at=$(awk -v n="$n" -v r="$ramp" -v w="$warmup" 'BEGIN { printf "%.0f", n / r + w + 2 }')
    # Then a class histogram (it forces a full GC, so only after the recording): what the heap
    # holds per viewer. The tool's --duration must cover ramp + warmup + 35 s.
    ( sleep "$at"; "$(dirname "$JAVA")/jcmd" "$spid" JFR.start name=bench duration=30s filename="${jfr%.jfr}-$server.jfr" settings=profile >"$w/jfr.log" 2>&1
      sleep 31; "$(dirname "$JAVA")/jcmd" "$spid" GC.class_histogram >"${jfr%.jfr}-$server.histo.txt" 2>&1 ) &
    jfr_pid=$!
  fi
  local load0 load1
  load0=$(cut -d' ' -f1-3 /proc/loadavg)
  # shellcheck disable=SC2086
  timeout $((${duration%.*} + 120)) "$JAVA" ${LOAD_JAVA_OPTS:--XX:+UseCompactObjectHeaders -Xmx3g -XX:MaxDirectMemorySize=1g} \
    -jar "$TOOL_JAR" "${tool_args[@]}" --duration "$duration" --ramp "$ramp" --warmup "$warmup" \
    --expect-kbps "$(clip_kbps)" --server-pid "$spid" --json "$w/tool.json" --csv "$w/viewers.csv" $tool_extra 2>"$w/tool.log" >/dev/null
  load1=$(cut -d' ' -f1-3 /proc/loadavg)
  [ -n "$jfr_pid" ] && wait "$jfr_pid"
  [ -n "$perf_pid" ] && wait "$perf_pid"
  tail -n 3 "$w/tool.log" >&2
  [ -n "$ffpid" ] && stop_pid "$ffpid"
  stop_pid "${lpid:-$spid}"
  [ -f "$w/tool.json" ] || { log "$server: the load tool wrote no summary"; return 1; }
  python3 - "$w/tool.json" "$server" "$scenario" "$n" "$rss0" "$load0" "$load1" "$w" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))
server, scenario, n, rss0, load0, load1, w = sys.argv[2:9]
v = t.get("players") or t.get("hls") or t.get("http_flv")
s = t["server"]
def r(x, nd=1):
    return None if x is None else round(x, nd)
out = {
    "server": server, "scenario": scenario, "viewers": int(n),
    "started": v["started"], "connected": v["connected"], "ok": v["ok"], "errors": v["errors"],
    "delivered_mbps": r(t["delivered_mbps"], 1), "window_s": r(t["window_s"], 1),
    "server_cores": r(s["cores"], 3), "server_system_share": r(s.get("system_share"), 2), "cpu_s_per_gbit": r(s["cpu_s_per_gbit"], 3),
    "rss_mb_idle": round(int(rss0) / 1024, 1), "rss_mb": r(s["rss_mb"], 1),
    "rss_kb_per_viewer": r(s["rss_kb_per_viewer"], 1),
    "first_frame_p50_ms": v["first_frame_ms"]["p50"], "first_frame_p99_ms": v["first_frame_ms"]["p99"],
    "kbps_p1": v["kbps_p1"], "kbps_p50": v["kbps_p50"],
    "tool_cores": r(t["tool_cpu"]["cores_in_window"], 3),
    "loadavg_before": load0, "loadavg_after": load1, "workdir": w,
}
if t.get("publishers"):
    out["publishers_connected"] = t["publishers"]["connected"]
try:
    # perf stat -x, lines: value,unit,event,...; task-clock is in ms over the 10 s.
    perf = {}
    for line in open(w + "/perf.csv"):
        f = line.strip().split(",")
        if len(f) > 2 and f[0] and f[0][0].isdigit():
            perf[f[2]] = float(f[0])
    out["perf_cores"] = round(perf["task-clock"] / 10000, 3)
    out["cs_per_s"] = round(perf["context-switches"] / 10)
    out["migrations_per_s"] = round(perf["cpu-migrations"] / 10)
except (OSError, KeyError):
    pass
if t.get("errors"):
    out["error_samples"] = t["errors"][:3]
print(json.dumps(out))
EOF
}

clip_kbps() {
  # The clip's audio+video bitrate as ffprobe sees it (the container's), in kbps.
  ffprobe -v error -show_entries format=bit_rate -of default=nw=1:nk=1 "$CLIP" | awk '{ printf "%.0f", $1 / 1000 }'
}

lines=()
for s in $servers; do
  for scenario in $scenarios; do
    line=$(run_one "$s") || { log "$s $scenario failed"; continue; }
    echo "$line"
    echo "$line" >>"$RESULTS/bench.jsonl"
    lines+=("$line")
    sleep 2 # let TIME_WAIT sockets and the other server's CPU settle
  done
done
if [ ${#lines[@]} -ge 2 ]; then
  # Per scenario, the first server against each other one; per server, the first scenario
  # against each other one.
  python3 - "${lines[@]}" <<'EOF' | tee -a "$RESULTS/bench.jsonl"
import json, sys
rows = [json.loads(x) for x in sys.argv[1:]]
rows = [r for r in rows if "skipped" not in r]
KEYS = ("cpu_s_per_gbit", "server_cores", "rss_mb", "rss_kb_per_viewer", "ok", "delivered_mbps",
        "first_frame_p50_ms", "first_frame_p99_ms")
def ratio(a, b, k):
    x, y = a.get(k), b.get(k)
    return round(x / y, 3) if isinstance(x, (int, float)) and isinstance(y, (int, float)) and y else None
def pairs(same, differ):
    seen = {}
    for r in rows:
        first = seen.setdefault(r[same], r)
        if first is not r:
            yield first, r
for a, b in pairs("scenario", "server"):
    print(json.dumps({"ratio": a["server"] + "/" + b["server"], "scenario": a["scenario"], "viewers": a["viewers"],
                      **{k: ratio(a, b, k) for k in KEYS}}))
for a, b in pairs("server", "scenario"):
    print(json.dumps({"ratio": a["scenario"] + "/" + b["scenario"], "server": a["server"], "viewers": a["viewers"],
                      **{k: ratio(a, b, k) for k in KEYS}}))
EOF
fi
