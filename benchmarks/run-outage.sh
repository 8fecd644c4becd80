#!/usr/bin/env bash
# Builds the benchmarks (tests skipped, nothing installed into ~/.m2), then runs the outage experiment on a JDK 21+:
# three outages of a primary under steady load (503s, resets, silence), ~45 s each with the defaults, and writes
# benchmarks/results/outage-DATE.md. Options: --clients 8 --before 5 --outage 20 --after 20 (seconds).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source "$root/benchmarks/find-jdk.sh"

mvn -q -B -ntp -pl benchmarks -am package -DskipTests
cp="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"

export BENCH_COMMAND="benchmarks/run-outage.sh $*"
exec "$jdk/bin/java" -Xms512m -Xmx512m --enable-native-access=ALL-UNNAMED -cp "$cp" dev.detour.bench.OutageExperiment "$@"
