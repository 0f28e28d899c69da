# Sourced by .ci/run and the bench scripts: exports JAVA_HOME as a JDK >= 21 (JAVA_HOME itself if it
# qualifies, else the newest under /usr/lib/jvm) and puts it first on PATH.
java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {split($2, v, "."); print v[1]}'
}
pick_jdk() {
  local best="" best_major=0 dir major
  for dir in ${JAVA_HOME:-} /usr/lib/jvm/*; do
    [ -x "$dir/bin/java" ] || continue
    major=$(java_major "$dir")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$dir" best_major="$major"
    fi
  done
  [ -n "$best" ] || { echo "No JDK 21 or newer found (JAVA_HOME or /usr/lib/jvm)." >&2; return 1; }
  echo "$best"
}
JAVA_HOME=$(pick_jdk) || exit 1
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
