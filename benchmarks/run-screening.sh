#!/usr/bin/env bash
# The per-request cost of request screening (token counting, language detection, the whole screen), one thread.
#   benchmarks/run-screening.sh [warm-up seconds, default 3] [timed calls per case, default 20000]
# Builds what it needs (tests skipped, nothing installed into ~/.m2); writes benchmarks/results/screening-DATE.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# A JDK 21+ found like the build's toolchain does (BENCH_JAVA_HOME wins): sets $jdk.
source "$root/benchmarks/find-jdk.sh"
mvn -q -B -ntp -pl benchmarks -am package -DskipTests
cp="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"
export BENCH_COMMAND="benchmarks/run-screening.sh $*"
export BENCH_COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!benchmarks/results' || echo '+changes')"
exec "$jdk/bin/java" -Xms512m -Xmx512m --enable-native-access=ALL-UNNAMED \
  -cp "$cp" dev.detour.bench.screening.ScreeningBenchmark "$@"
