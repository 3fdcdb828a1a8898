#!/usr/bin/env bash
# Checks a systemd unit (default etc/systemd/srs.service) with `systemd-analyze verify`: its
# syntax, and that ExecStart exists (the unit's /usr/local/srs is pointed at this checkout).
# Exit 0: valid; 1: invalid, with systemd's messages; 2: systemd-analyze is not installed.
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
UNIT="${1:-$ROOT/etc/systemd/srs.service}"
if ! command -v systemd-analyze >/dev/null 2>&1; then
  echo "check: systemd-analyze is not installed (apt-get install systemd); $UNIT not verified" >&2
  exit 2
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
# A unit cannot name a path with spaces unquoted; the check goes through a symlink instead.
ln -s "$ROOT" "$tmp/srs"
sed "s#/usr/local/srs#$tmp/srs#g" "$UNIT" > "$tmp/srs.service"
out=$(systemd-analyze verify --man=no "$tmp/srs.service" 2>&1)
rc=$?
# Any message about our unit is a failure, even when systemd only warns.
if [ $rc -eq 0 ] && ! printf '%s\n' "$out" | grep -q "srs.service"; then
  echo "check: $UNIT is valid"
  exit 0
fi
echo "check: $UNIT is invalid:" >&2
printf '%s\n' "$out" | sed "s#$tmp/##g" >&2
exit 1
