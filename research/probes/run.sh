#!/usr/bin/env bash
# Hostile-peer probes of issue 18 against our build: builds srs.jar if needed, starts ./srs on a
# free port with a publisher (FFmpeg, looping a clip), runs Probes.java, stops everything.
# Usage: research/probes/run.sh [memory|slowloris|frozen|all]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
export PATH="$(dirname "$JAVA"):$PATH"
W="$(mktemp -d)"
PORT="${PORT:-19935}"
if [ ! -f "$ROOT/srs-main/target/srs.jar" ] || [ -n "$(find "$ROOT"/srs-*/src/main -newer "$ROOT/srs-main/target/srs.jar" -print -quit)" ]; then
  (cd "$ROOT" && mvn -q -B -o -DskipTests package -pl srs-main -am)
fi
CLIP="$W/clip.flv"
ffmpeg -v error -f lavfi -i testsrc2=size=640x360:rate=25 -f lavfi -i sine=frequency=440 -t 10 \
  -c:v libx264 -preset ultrafast -g 50 -b:v 500k -c:a aac -b:a 64k -f flv "$CLIP"
cat >"$W/srs.conf" <<CONF
listen $PORT;
daemon off;
srs_log_tank file;
srs_log_file $W/srs.log;
max_connections 1000;
vhost __defaultVhost__ { }
CONF
(cd "$ROOT" && exec ./srs -c "$W/srs.conf") >"$W/srs.out" 2>&1 &
SRS=$!
trap 'kill $PUB $SRS 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.1; done
ffmpeg -v error -re -stream_loop -1 -i "$CLIP" -c copy -f flv "rtmp://127.0.0.1:$PORT/live/probe" &
PUB=$!
sleep 3
JPID=$(pgrep -f "srs.jar.*$W/srs.conf" | head -1 || true)
[ -n "$JPID" ] || JPID=$(pgrep -n -f "$W/srs.conf")
"$JAVA" -cp "$ROOT/srs-main/target/srs.jar" "$ROOT/research/probes/Probes.java" "$PORT" "$JPID" "${1:-all}"
echo "server log: $W/srs.log ($(grep -c . "$W/srs.log") lines; OutOfMemoryError: $(grep -c OutOfMemoryError "$W/srs.log" || true))"
