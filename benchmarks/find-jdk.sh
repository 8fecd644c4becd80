# Sourced by the run-*.sh scripts: sets $jdk to a JDK 21+ (BENCH_JAVA_HOME, JAVA_HOME, the java on the PATH, then
# /usr/lib/jvm/*, newest first), the same discovery as the build's toolchain.
major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
jdk=""
for home in "${BENCH_JAVA_HOME:-}" "${JAVA_HOME:-}" \
            "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
            $(ls -d /usr/lib/jvm/* 2>/dev/null | sort -rV); do
  [ -n "$home" ] && [ -x "$home/bin/java" ] || continue
  m="$(major "$home")"
  if [ -n "$m" ] && [ "${m%%.*}" -ge 21 ]; then jdk="$home"; break; fi
done
if [ -z "$jdk" ]; then
  echo "No JDK 21 or newer found (BENCH_JAVA_HOME, JAVA_HOME, PATH, /usr/lib/jvm). Install one and re-run." >&2
  exit 1
fi
