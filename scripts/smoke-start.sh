#!/usr/bin/env bash
# Smoke of `npm start` as a person would run it: start, wait until it prints that it is ready, sign in
# as the principal through supabase-js and call the status function, stop with SIGTERM, and check that
# no process of this checkout is left running.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
log=$(mktemp /tmp/sdt-smoke.XXXX.log)
SECONDS=0
setsid npm start >"$log" 2>&1 &
pid=$!
cleanup() { kill -TERM -- -"$pid" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 300); do
  grep -q "is ready in" "$log" && break
  if ! kill -0 "$pid" 2>/dev/null; then echo "npm start exited before it was ready:"; tail -30 "$log"; exit 1; fi
  sleep 1
done
grep -q "is ready in" "$log" || { echo "npm start was not ready within 300 s:"; tail -30 "$log"; exit 1; }
echo "smoke: $(grep 'is ready in' "$log") (${SECONDS}s wall)"
NODE_OPTIONS=--experimental-websocket node_modules/.bin/tsx scripts/smoke-login.ts
kill -TERM -- -"$pid"
for _ in $(seq 1 40); do
  if grep -q "^Stopped\." "$log" && ! kill -0 "$pid" 2>/dev/null; then break; fi
  sleep 0.5
done
trap - EXIT
sleep 1
left=$(pgrep -f "$root/" | grep -v "^$$\$" || true)
if [ -n "$left" ]; then echo "processes left running after stop:"; ps -o pid,args -p $left; exit 1; fi
grep -q "^Stopped\." "$log" || { echo "npm start did not report a clean stop:"; tail -10 "$log"; exit 1; }
echo "smoke: stopped cleanly, nothing left running"
