#!/usr/bin/env bash
# Builds what the benchmark needs (tests skipped, nothing installed into ~/.m2), then runs the semantic cache speed
# benchmark on the JDK 25 here. Options go to dev.detour.bench.cachespeed.CacheSpeedBenchmark, e.g.:
#   benchmarks/run-cache-speed.sh --fill 5000 --lookups 2000 --seconds 10 --threads 1,2,4 --index-size 1000000
# BENCH_JVM_OPTS adds JVM options (e.g. BENCH_JVM_OPTS="-XX:+UseZGC" to compare collectors); the report names them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# A JDK 21+ found like the build's toolchain does (BENCH_JAVA_HOME wins): sets $jdk.
source "$root/benchmarks/find-jdk.sh"
mvn -q -B -ntp -pl benchmarks -am package -DskipTests
cp="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"
export BENCH_COMMAND="benchmarks/run-cache-speed.sh $*"
exec "$jdk/bin/java" -Xms512m -Xmx2g ${BENCH_JVM_OPTS:-} --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
  -Djava.awt.headless=true -cp "$cp" dev.detour.bench.cachespeed.CacheSpeedBenchmark "$@"
