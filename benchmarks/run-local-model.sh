#!/usr/bin/env bash
# Builds what the benchmark needs (tests skipped, nothing installed into ~/.m2), then measures the local model:
# time to first token, tokens/s, and the decode loop's overhead next to a bare ONNX Runtime loop. Options go to
# dev.detour.bench.local.LocalModelBenchmark, e.g.:
#   benchmarks/run-local-model.sh --tokens 64 --runs 30 --threads 1 [--model models/qwen2.5-0.5b-instruct]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# A JDK 21+ found like the build's toolchain does (BENCH_JAVA_HOME wins): sets $jdk.
source "$root/benchmarks/find-jdk.sh"

# The shared test model sits next to the main checkout; from a git worktree, find it through the main repository.
if [ -z "${DETOUR_SHARED_MODELS:-}" ]; then
  common="$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)"
  [ -n "$common" ] && DETOUR_SHARED_MODELS="$(dirname "$common")/../shared/models"
fi
extra=()
if [ -n "${DETOUR_SHARED_MODELS:-}" ] && [ -f "$DETOUR_SHARED_MODELS/tiny-random-llama-fp16/model.onnx" ] && [[ " $* " != *" --model "* ]]; then
  extra+=(--model "$DETOUR_SHARED_MODELS/tiny-random-llama-fp16")
  for d in models/*/; do
    [ -f "$d/genai_config.json" ] || [ -f "$d/config.json" ] && extra+=(--model "${d%/}")
  done
fi

mvn -q -B -ntp -pl benchmarks -am package -DskipTests
cp="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"

export BENCH_COMMAND="benchmarks/run-local-model.sh $*"
exec "$jdk/bin/java" -Xms256m -Xmx1g --enable-native-access=ALL-UNNAMED -cp "$cp" \
  dev.detour.bench.local.LocalModelBenchmark "${extra[@]}" "$@"
