#!/usr/bin/env bash
# Builds what the benchmark needs (tests skipped, nothing installed into ~/.m2), then runs the gateway-overhead
# benchmark on a JDK 21+. Options go to dev.detour.bench.OverheadBenchmark, e.g.:
#   benchmarks/run-overhead.sh --duration 10s --warmup 5s --connections 1,64 [--jfr] [--gc parallel] [--load java]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# A JDK 21+ found like the build's toolchain does (BENCH_JAVA_HOME wins): sets $jdk.
source "$root/benchmarks/find-jdk.sh"

if ! command -v wrk >/dev/null 2>&1; then
  echo "note: wrk is not installed (apt-get update && apt-get install -y wrk); the Java load generator will be used." >&2
fi

mvn -q -B -ntp -pl benchmarks -am package -DskipTests
cp="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"

export BENCH_COMMAND="benchmarks/run-overhead.sh $*"
exec "$jdk/bin/java" -Xms256m -Xmx256m -XX:+UseSerialGC -Djava.awt.headless=true \
  -cp "$cp" dev.detour.bench.OverheadBenchmark "$@"
