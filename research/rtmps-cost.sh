#!/usr/bin/env bash
# What TLS costs the server: one stream (the bench clip, ffmpeg -re -stream_loop) played by N
# RTMP players, then by N RTMPS players, against the same server process in one run.
#   research/rtmps-cost.sh [N] [seconds]      (default 1000 players, 30 s window each)
# Prints the load tool's JSON for each run, plus the machine's load average around each.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-1000}
DUR=${2:-30}
RAMP=${RAMP:-50}   # players started per second: 1,000 TLS handshakes in 2 s would need more than 2 cores
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
CLIP="$ROOT/research/.cache/cbr-450k-aac64k-60s.flv"
TOOL="$ROOT/research/loadtool/target/srs-load.jar"
W=$(mktemp -d /tmp/rtmps-cost.XXXX)
if [ ! -f "$CLIP" ]; then # the same clip research/bench.sh makes
  mkdir -p "$(dirname "$CLIP")"
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=size=640x360:rate=25,noise=alls=12:allf=t" \
    -f lavfi -i "sine=frequency=440:sample_rate=44100" -t 60 \
    -c:v libx264 -preset veryfast -profile:v main -pix_fmt yuv420p -g 50 -keyint_min 50 -sc_threshold 0 \
    -b:v 450k -minrate 450k -maxrate 450k -bufsize 450k -x264-params nal-hrd=cbr:force-cfr=1 \
    -c:a aac -b:a 64k -ar 44100 -f flv "$CLIP.tmp" && mv "$CLIP.tmp" "$CLIP"
fi
[ -f "$TOOL" ] || { echo "build the load tool first (see research/README.md)" >&2; exit 1; }
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
P=$(port); T=$(port)
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$W/k.pem" -out "$W/c.pem" -days 2 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 2>/dev/null
cat >"$W/srs.conf" <<CONF
listen 127.0.0.1:$P;
max_connections $((N * 2 + 100));
daemon off;
srs_log_tank file;
srs_log_file $W/srs.log;
srs_log_level warn;
pid $W/srs.pid;
rtmps { enabled on; listen 127.0.0.1:$T; key $W/k.pem; cert $W/c.pem; }
vhost __defaultVhost__ { }
CONF
(cd "$ROOT" && exec ./srs -c "$W/srs.conf") >"$W/console.log" 2>&1 &
LPID=$!
trap 'kill $FF $LPID 2>/dev/null; wait 2>/dev/null' EXIT
for _ in $(seq 100); do [ -f "$W/srs.pid" ] && break; sleep 0.2; done
sleep 1
SPID=$(pgrep -P "$LPID" java || pgrep -f "srs.conf" | grep -v "$LPID" | head -1)
ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "$CLIP" -c copy -f flv \
  "rtmp://127.0.0.1:$P/live/livestream" </dev/null >"$W/ffmpeg.log" 2>&1 &
FF=$!
sleep 4
for url in "rtmp://127.0.0.1:$P/live/livestream" "rtmps://127.0.0.1:$T/live/livestream"; do
  l0=$(cut -d' ' -f1-3 /proc/loadavg)
  "$JAVA" -XX:+UseCompactObjectHeaders -Xmx3g -jar "$TOOL" --players "$N" --url "$url" --mode full --expect-kbps 514 --ramp "$RAMP" \
    --duration $((DUR + N / RAMP + 6)) --warmup 5 --prime 20 --server-pid "$SPID" --json "$W/$(basename "${url%%:*}").json" \
    2>"$W/tool.log" >/dev/null
  l1=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "{\"url\":\"${url%%:*}\",\"loadavg_before\":\"$l0\",\"loadavg_after\":\"$l1\",\"tool\":$(cat "$W/$(basename "${url%%:*}").json")}"
done
