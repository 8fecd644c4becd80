#!/usr/bin/env bash
# Builds what the benchmark needs (tests skipped, nothing installed into ~/.m2), then runs the gateway-overhead
# benchmark on a JDK 21+. Options go to dev.detour.bench.OverheadBenchmark, e.g.:
#   benchmarks/run-overhead.sh --duration 10s --warmup 5s --connections 1,64 [--jfr] [--gc parallel] [--load java]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# The same JDK discovery as the build's toolchain and .ci/run: JAVA_HOME, the java on the PATH, then /usr/lib/jvm/*
# (newest first). BENCH_JAVA_HOME wins over all of them.
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

if ! command -v wrk >/dev/null 2>&1; then
  echo "note: wrk is not installed (apt-get update && apt-get install -y wrk); the Java load generator will be used." >&2
fi

mvn -q -B -ntp -pl benchmarks -am package -DskipTests
cp="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"

export BENCH_COMMAND="benchmarks/run-overhead.sh $*"
exec "$jdk/bin/java" -Xms256m -Xmx256m -XX:+UseSerialGC -Djava.awt.headless=true \
  -cp "$cp" dev.detour.bench.OverheadBenchmark "$@"
