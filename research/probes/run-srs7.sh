#!/usr/bin/env bash
# The same probes against SRS 7 (a release build, made outside this repository; see
# research/README.md): memory is SRS's VmRSS instead of our heap after GC.
# Usage: SRS7=/path/to/srs/trunk research/probes/run-srs7.sh [memory|slowloris|frozen|all]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SRS7="${SRS7:-/work/tmp-srs/trunk}"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
W="$(mktemp -d)"
PORT="${PORT:-19936}"
if [ ! -f "$ROOT/srs-main/target/srs.jar" ]; then
  (cd "$ROOT" && mvn -q -B -o -DskipTests package -pl srs-main -am)
fi
CLIP="$W/clip.flv"
ffmpeg -v error -f lavfi -i testsrc2=size=640x360:rate=25 -f lavfi -i sine=frequency=440 -t 10 \
  -c:v libx264 -preset ultrafast -g 50 -b:v 500k -c:a aac -b:a 64k -f flv "$CLIP"
cat >"$W/srs.conf" <<CONF
listen $PORT;
daemon off;
pid $W/srs.pid;
srs_log_tank file;
srs_log_file $W/srs.log;
max_connections 1000;
vhost __defaultVhost__ { }
CONF
(cd "$SRS7" && exec ./objs/srs -c "$W/srs.conf") >"$W/srs.out" 2>&1 &
SRS=$!
trap 'kill $PUB $SRS 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.1; done
ffmpeg -v error -re -stream_loop -1 -i "$CLIP" -c copy -f flv "rtmp://127.0.0.1:$PORT/live/probe" &
PUB=$!
sleep 3
PROBE_MEMORY=rss "$JAVA" -cp "$ROOT/srs-main/target/srs.jar" "$ROOT/research/probes/Probes.java" "$PORT" "$SRS" "${1:-all}"
echo "server log: $W/srs.log ($(grep -c . "$W/srs.log") lines)"
