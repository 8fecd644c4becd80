#!/usr/bin/env bash
# Sends one request a second to the demo gateway for a bounded time and prints who answered and how.
# Usage: demo/watch-failover.sh [seconds] [gateway base URL]
set -u
seconds=${1:-70}
base=${2:-http://127.0.0.1:8080}
for ((i = 0; i < seconds; i++)); do
  headers=$(curl -s -o /dev/null -D - --max-time 10 "$base/v1/chat/completions" \
    -H 'Content-Type: application/json' \
    -d '{"model":"chat","messages":[{"role":"user","content":"ping '"$i"'"}]}' | tr -d '\r')
  status=$(printf '%s\n' "$headers" | sed -n '1s/^HTTP\/[0-9.]* \([0-9]*\).*/\1/p')
  provider=$(printf '%s\n' "$headers" | sed -n 's/^x-detour-provider: //Ip')
  log=$(printf '%s\n' "$headers" | sed -n 's/^x-detour-attempt-log: //Ip')
  printf '%s  %s  %-24s %s\n' "$(date +%T)" "${status:-???}" "${provider:--}" "$log"
  sleep 1
done
