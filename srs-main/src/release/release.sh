#!/usr/bin/env bash
# Assembles the release: OUT/NAME/ with the launcher, lib/*.jar (the server and its
# dependencies), conf/, etc/, README.md, and jre/: a Java runtime made by jlink with only the
# modules jdeps finds in those jars. With --tar also OUT/NAME.tar.gz.
#
#   release.sh [--tar] [--jdk DIR] OUT NAME CLASSPATH_ENTRY...
#
# A class-path entry may be a jar or a classes directory (packed into a jar): the Maven release
# profile passes srs.jar and target/lib/*.jar, ReleaseArchiveTest its test class path.
set -u
tar=0 jdk="${JAVA_HOME:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --tar) tar=1; shift ;;
    --jdk) jdk="$2"; shift 2 ;;
    *) break ;;
  esac
done
[ $# -ge 3 ] || { echo "usage: release.sh [--tar] [--jdk DIR] OUT NAME CLASSPATH_ENTRY..." >&2; exit 2; }
OUT="$1" NAME="$2"; shift 2
SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"

has_jlink() { # $1 = JDK home with jlink >= 25
  local v
  [ -x "$1/bin/jlink" ] && [ -f "$1/release" ] || return 1
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")
  [ -n "$v" ] && [ "$v" -ge 25 ]
}
if [ -z "$jdk" ] || ! has_jlink "$jdk"; then
  jdk=""
  for c in /usr/lib/jvm/* /usr/java/* /opt/* /opt/java/*; do
    if has_jlink "$c"; then jdk="$c"; break; fi
  done
fi
[ -n "$jdk" ] || { echo "release: a JDK >= 25 with jlink is needed (apt-get install openjdk-25-jdk-headless, or set JAVA_HOME)" >&2; exit 1; }

DIR="$OUT/$NAME"
rm -rf "$DIR" && mkdir -p "$DIR/lib" "$DIR/objs" || exit 1
for e in "$@"; do
  if [ -d "$e" ]; then
    # A classes directory (the test class path): pack it; the name only has to be unique.
    "$jdk/bin/jar" --create --file "$DIR/lib/$(echo "$e" | tr -c 'A-Za-z0-9\n' '_' ).jar" -C "$e" . || exit 1
  elif [ -f "$e" ]; then
    cp "$e" "$DIR/lib/" || exit 1
  fi
done
cp "$SRC/srs" "$DIR/srs" && cp -r "$SRC/conf" "$SRC/etc" "$DIR/" && cp "$SRC/README.md" "$DIR/" || exit 1

modules=$("$jdk/bin/jdeps" --ignore-missing-deps --multi-release 25 --print-module-deps "$DIR"/lib/*.jar 2>/dev/null) \
  || { echo "release: jdeps failed on $DIR/lib" >&2; exit 1; }
[ -n "$modules" ] || { echo "release: jdeps found no modules" >&2; exit 1; }
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=zip-6 --generate-cds-archive --output "$DIR/jre" || { echo "release: jlink failed" >&2; exit 1; }
echo "release: $DIR (runtime modules: $modules)"
if [ $tar -eq 1 ]; then
  tar -czf "$OUT/$NAME.tar.gz" -C "$OUT" "$NAME" || exit 1
  echo "release: $OUT/$NAME.tar.gz ($(du -h "$OUT/$NAME.tar.gz" | cut -f1))"
fi
