#!/usr/bin/env bash
# Builds what the benchmark needs (tests skipped, nothing installed into ~/.m2), then runs the semantic-cache quality
# benchmark on the QQP pairs on a JDK 21+. The first run embeds ~106k distinct questions per model (minutes on a
# shared 2-core machine, with progress lines) into benchmarks/target/qqp-embeddings/; reruns read that file (~1 min).
# Options go to dev.detour.bench.quality.CacheQualityBenchmark, e.g.:
#   benchmarks/run-cache-quality.sh                      # both models, report in benchmarks/results/cache-quality-DATE.{md,png}
#   benchmarks/run-cache-quality.sh --write-model semantic-cache/src/main/resources/dev/detour/cache/verify
#   benchmarks/run-cache-quality.sh --help
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# A JDK 21+ found like the build's toolchain does (BENCH_JAVA_HOME wins): sets $jdk.
source "$root/benchmarks/find-jdk.sh"

pairs="${QQP_PAIRS:-$root/../shared/data/qqp/pairs.jsonl}"
[ -f "$pairs" ] || pairs=/work/shared/data/qqp/pairs.jsonl
[ -f "$pairs" ] || { echo "QQP pairs not found: set QQP_PAIRS to pairs.jsonl" >&2; exit 1; }

mvn -q -B -ntp -pl benchmarks -am package -DskipTests
cp="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"

export BENCH_COMMAND="benchmarks/run-cache-quality.sh $*"
export BENCH_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo '+dirty')"
# Bounded: the embedding pass is the only long part (~3-10 min per model the first time); the rest takes about a minute.
exec timeout 3600 "$jdk/bin/java" -Xms1g -Xmx3g -Djava.awt.headless=true --enable-native-access=ALL-UNNAMED \
  -cp "$cp" dev.detour.bench.quality.CacheQualityBenchmark --pairs "$pairs" "$@"
