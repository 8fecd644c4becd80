#!/usr/bin/env bash
# How the variants in README.md were compared (a quick A/B, not the full overhead benchmark):
#   ab.sh LABEL CLASSES_DIR_OR_EMPTY      e.g. ab.sh D /tmp/patchD/classes   (MODE=true for streams, CONNS="1 64")
# A variant is the gateway with some classes shadowed: compile the patched sources against
# benchmarks/target/classpath.txt into a directory and pass it; it goes first on the gateway's classpath.
# Needs a prior `mvn -q -pl benchmarks -am package -DskipTests`, wrk, and a JDK 21+ in $JAVA (default: Temurin 25).
set -euo pipefail
label=$1; extra=${2:+$2:}
cd "$(dirname "$0")/../../.."
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
work=$(mktemp -d)
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"sim-model","messages":[{"role":"user","content":"Explain in one short paragraph why a gateway in front of LLM providers helps"}],"stream":${MODE:-false}}'
LUA
"$J" -Xms512m -Xmx512m -cp "$CP" dev.detour.sim.Main --port 0 > "$work/sim.out" 2>&1 & SIM=$!
GW=""
trap 'kill $SIM $GW 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
sleep 3; SP=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/sim.out" | head -1 | grep -o '[0-9]*$')
cat > "$work/detour.yaml" <<YAML
server: {host: 127.0.0.1, port: 0}
providers:
  sim:
    kind: openai-compatible
    base_url: http://127.0.0.1:$SP/v1
    api_key: unused
    models:
      sim-model: {context_window: 128000, input_price: 0.1, output_price: 0.4}
routes:
  sim-model:
    tiers:
      - {targets: [sim/sim-model], timeout: 5s}
YAML
"$J" -Xms512m -Xmx512m --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp "$extra$CP" \
  dev.detour.gateway.Main --config "$work/detour.yaml" > "$work/gw.out" 2>&1 & GW=$!
sleep 5; GP=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/gw.out" | grep -o '[0-9]*$')
cpu() { awk '{print $14+$15}' /proc/$1/stat; }                     # ticks of 10 ms
busy() { local a=($(head -1 /proc/stat)); echo $((a[1]+a[2]+a[3]+a[6]+a[7]+a[8])); }
quiet() { for _ in $(seq 1 60); do local x; x=$(busy); sleep 1; [ $(( $(busy) - x )) -lt 10 ] && return; done; }
URL=http://127.0.0.1:$GP/v1/chat/completions
wrk -t1 -c16 -d20s -s "$work/post.lua" "$URL" > /dev/null           # JIT warm-up
for c in ${CONNS:-1 64}; do
  quiet
  m0=$(busy); g0=$(cpu $GW); s0=$(cpu $SIM)
  wrk -t1 -c"$c" -d10s --latency -s "$work/post.lua" "$URL" > "$work/w.out"
  g1=$(cpu $GW); s1=$(cpu $SIM); m1=$(busy)
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/w.out")
  echo "$label stream=${MODE:-false} c=$c rps=$rps p50=$(awk '$1=="50%" {print $2}' "$work/w.out")" \
       "p99=$(awk '$1=="99%" {print $2}' "$work/w.out") gw_us/req=$(echo "($g1-$g0)*10000/($rps*10)" | bc)" \
       "sim_us/req=$(echo "($s1-$s0)*10000/($rps*10)" | bc) rest_cores=$(echo "(($m1-$m0)-($g1-$g0)-($s1-$s0))/1000" | bc -l | cut -c1-4)"
done
