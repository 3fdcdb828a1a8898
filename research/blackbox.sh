#!/usr/bin/env bash
# Runs SRS's own black-box suite (ossrs/srs trunk/3rdparty/srs-bench, blackbox/) against our
# ./srs exactly as it runs SRS: it starts the binary with -e, an environment of only PATH and
# SRS_* variables, SRS_WORK_DIR, and publishes avatar.flv with FFmpeg. Prints PASS/FAIL per test.
#
#   research/blackbox.sh /work/srs-bench [regexp]     (default: every TestFast_* but HEVC/SRT)
#
# Build srs-bench first (research/README.md): objs/srs_blackbox_test in the srs-bench dir.
set -u
BENCH="${1:?usage: research/blackbox.sh SRS_BENCH_DIR [TEST_REGEXP]}"
FILTER="${2:-^TestFast_(RtmpPublish_(RtmpPlay|HttpFlvPlay|HlsPlay|DvrFlv|DvrMp4|HttpMp3Play|HttpTsPlay)|Http_Api)}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="$BENCH/objs/srs_blackbox_test"
[ -x "$BIN" ] || { echo "blackbox: $BIN not built; see research/README.md (go test -mod=vendor -c -o objs/srs_blackbox_test ./blackbox)" >&2; exit 2; }
for t in ffmpeg ffprobe; do
  command -v "$t" >/dev/null 2>&1 || { echo "blackbox: $t is needed; apt-get install ffmpeg" >&2; exit 2; }
done
# Build once before the suite starts many servers at the same time.
"$ROOT/srs" -v >/dev/null || exit 2
cd "$BENCH" || exit 2
mkdir -p objs
args=(-srs-binary "$ROOT/srs" -srs-ffmpeg "$(command -v ffmpeg)" -srs-ffprobe "$(command -v ffprobe)"
      -srs-publish-avatar avatar.flv)
tests=$("$BIN" -test.list "$FILTER" "${args[@]}" | grep '^Test')
[ -n "$tests" ] || { echo "blackbox: no test matches $FILTER" >&2; exit 2; }
pass=0 fail=0
for t in $tests; do
  log="objs/blackbox-$t.log"
  start=$(date +%s)
  if "$BIN" -test.run "^$t\$" -test.v "${args[@]}" -srs-log >"$log" 2>&1; then
    printf 'PASS %-55s %3ss\n' "$t" $(( $(date +%s) - start )); pass=$((pass + 1))
  else
    printf 'FAIL %-55s %3ss  (log: %s)\n' "$t" $(( $(date +%s) - start )) "$BENCH/$log"; fail=$((fail + 1))
  fi
done
echo "blackbox: $pass passed, $fail failed"
[ $fail -eq 0 ]
