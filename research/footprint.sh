#!/usr/bin/env bash
# Where the memory goes (issue 15, item 3): starts one server, publishes the benchmark clip,
# and after SETTLE seconds records RSS (idle with one stream), then adds N lean players and
# records RSS again. For our server it also takes, at both points, NMT's summary (the JVM runs
# with -XX:NativeMemoryTracking=summary, which itself costs a few MB) and a class histogram
# (taken last: it forces a full GC). With --nmt off: RSS only, no jcmd.
#
#   research/footprint.sh [--server srs|srs7] [--players N] [--settle S] [--ramp R] [--nmt off] [--out DIR]
#
# Environment: SRS_JAVA_OPTS (our JVM's options; the launcher's defaults otherwise), SRS7_BIN,
# BENCH_PORT (default 29935). Run under the shared benchmark lock: flock /work/wt/bench.lock ...
# Prints one line per point: "idle rss_kb=..." and "players=N rss_kb=... per_player_kb=...".
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLIP="$ROOT/research/.cache/cbr-450k-aac64k-60s.flv"
TOOL_JAR="$ROOT/research/loadtool/target/srs-load.jar"
PORT=${BENCH_PORT:-29935}
HTTP=$((PORT - 1855))
SRS7_BIN="${SRS7_BIN:-/work/tmp-srs/trunk/objs/srs}"
server=srs players=4000 settle=30 ramp=500 nmt=on out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --server) server="$2"; shift 2 ;;
    --players) players="$2"; shift 2 ;;
    --settle) settle="$2"; shift 2 ;;
    --ramp) ramp="$2"; shift 2 ;;
    --nmt) nmt="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) sed -n '2,13p' "$0" >&2; exit 2 ;;
  esac
done
[ -f "$CLIP" ] && [ -f "$TOOL_JAR" ] || { echo "footprint: run research/bench.sh once (it makes the clip and the tool)" >&2; exit 1; }
JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JCMD=$(dirname "$JAVA")/jcmd
out=${out:-$(mktemp -d "/tmp/footprint-$server.XXXXXX")}
mkdir -p "$out/html"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
pids=()
cleanup() { local p; for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done; sleep 1; for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null; done; }
trap cleanup EXIT
wait_port() { local i; for ((i = 0; i < $2 * 10; i++)); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
rss() { awk '/VmRSS/ {print $2}' "/proc/$spid/status"; }

cat >"$out/server.conf" <<EOF
listen              127.0.0.1:$PORT;
max_connections     $((players * 2 + 100));
daemon              off;
srs_log_tank        file;
srs_log_file        $out/server.log;
srs_log_level       warn;
pid                 $out/server.pid;
http_server {
    enabled         on;
    listen          127.0.0.1:$HTTP;
    dir             $out/html;
}
vhost __defaultVhost__ {
}
EOF
if [ "$server" = srs ]; then
  opts="${SRS_JAVA_OPTS:-$(sed -n 's/^JAVA_OPTS=\${SRS_JAVA_OPTS:-"\(.*\)"}$/\1/p' "$ROOT/srs")}"
  [ "$nmt" = on ] && opts="$opts -XX:NativeMemoryTracking=summary"
  (cd "$ROOT" && exec env SRS_JAVA_OPTS="$opts" ./srs -c "$out/server.conf") >"$out/server.out" 2>&1 &
  lpid=$!; pids+=("$lpid")
  wait_port "$PORT" 30 || { tail "$out/server.out" >&2; exit 1; }
  spid=$(pgrep -P "$lpid" | head -n1); pids+=("$spid")
  echo "footprint: opts $opts" >&2
else
  (cd "$(dirname "$SRS7_BIN")/.." && exec "$SRS7_BIN" -c "$out/server.conf") >"$out/server.out" 2>&1 &
  spid=$!; pids+=("$spid")
  wait_port "$PORT" 10 || { tail "$out/server.out" >&2; exit 1; }
fi
snap() { # label
  [ "$server" = srs ] && [ "$nmt" = on ] || return 0
  "$JCMD" "$spid" VM.native_memory summary >"$out/nmt-$1.txt" 2>&1
  [ "$1" = idle ] && "$JCMD" "$spid" VM.native_memory baseline >/dev/null 2>&1
  [ "$1" = idle ] || "$JCMD" "$spid" VM.native_memory summary.diff >"$out/nmt-diff-$1.txt" 2>&1
  "$JCMD" "$spid" GC.heap_info >"$out/heap-$1.txt" 2>&1
  "$JCMD" "$spid" GC.class_histogram >"$out/histo-$1.txt" 2>&1
  "$JCMD" "$spid" GC.heap_info >"$out/heap-after-gc-$1.txt" 2>&1
}
ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "$CLIP" -c copy -f flv \
  "rtmp://127.0.0.1:$PORT/live/livestream" </dev/null >"$out/ffmpeg.log" 2>&1 &
pids+=($!)
sleep "$settle"
r0=$(rss)
echo "footprint: $server idle with one stream rss_kb=$r0 load=$(cut -d' ' -f1-3 /proc/loadavg)"
snap idle
[ "$players" -gt 0 ] || exit 0
at=$(( players / ramp + 15 ))
"$JAVA" -XX:+UseCompactObjectHeaders -Xmx3g -XX:MaxDirectMemorySize=1g -jar "$TOOL_JAR" \
  --players "$players" --url "rtmp://127.0.0.1:$PORT/live/livestream" --ramp "$ramp" \
  --duration $((at + 20)) --warmup 5 --expect-kbps 525 --server-pid "$spid" --quiet --json "$out/tool.json" >"$out/tool.log" 2>&1 &
tpid=$!; pids+=("$tpid")
sleep "$at"
r1=$(rss)
echo "footprint: $server players=$players rss_kb=$r1 per_player_kb=$(( (r1 - r0) / players )) load=$(cut -d' ' -f1-3 /proc/loadavg)"
snap players
wait "$tpid"
python3 -c 'import json,sys; t=json.load(open(sys.argv[1])); p=t["players"]; s=t.get("server",{}); print("footprint: ok=%s of %s, %s Mbit/s, first frame p50/p99 %s/%s ms, server %s" % (p.get("ok"), p.get("started"), p.get("mbps"), p["first_frame_ms"]["p50"], p["first_frame_ms"]["p99"], s))' "$out/tool.json"
echo "footprint: files in $out" >&2
