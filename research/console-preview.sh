#!/usr/bin/env bash
# SRS's own web console (trunk/research/console) and player page (trunk/research/players) against
# our server in headless Chromium: the console lists a stream FFmpeg publishes, its "Preview" link
# is clicked, and SRS's srs_player.html must play the HTTP-FLV stream for 3 s. Runs the test
# io.srs.app.http.SrsConsolePreviewE2eTest (tag research, outside the default suite: SRS's console
# is on no registry CI can reach, and nothing fetched is committed).
#
#   research/console-preview.sh                          (from SRS's git clone in SRS_MIRROR,
#                                                         default /work/.mirror/ossrs+srs/repo)
#   SRS_WEB_DIR=/path/to/srs/trunk/research research/console-preview.sh
#
# MVN_OFFLINE=1 adds Maven's -o. Needs ffmpeg and chromium. Prints where the console came from (and SRS's version) and the
# player's state when it had played 3 s.
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "${SRS_WEB_DIR:-}" ] && [ ! -d "${SRS_MIRROR:-/work/.mirror/ossrs+srs/repo}" ]; then
  echo "console-preview: set SRS_WEB_DIR to SRS's trunk/research, or SRS_MIRROR to a clone of https://github.com/ossrs/srs" >&2
  exit 2
fi
cd "$ROOT" || exit 2
mvn -B -q ${MVN_OFFLINE:+-o} test -pl srs-app -am -Dtest=SrsConsolePreviewE2eTest \
    -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.excludedGroups=bench,fuzz
rc=$?
grep -h '^srs console' srs-app/target/surefire-reports/io.srs.app.http.SrsConsolePreviewE2eTest-output.txt 2>/dev/null
if [ $rc -eq 0 ]; then echo "console-preview: PASS"; else echo "console-preview: FAIL (srs-app/target/surefire-reports)"; fi
exit $rc
