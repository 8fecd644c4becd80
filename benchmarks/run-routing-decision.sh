#!/usr/bin/env bash
# Builds the benchmarks (tests skipped, nothing installed into ~/.m2), then runs the JMH routing-decision benchmark
# on a JDK 21+ and writes benchmarks/results/routing-decision-DATE.md. About a minute.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source "$root/benchmarks/find-jdk.sh"

mvn -q -B -ntp -pl benchmarks -am package -DskipTests
cp="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"

export BENCH_COMMAND="benchmarks/run-routing-decision.sh $*"
exec "$jdk/bin/java" -Xms256m -Xmx256m -cp "$cp" dev.detour.bench.RoutingDecisionRun "$@"
