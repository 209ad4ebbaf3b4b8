#!/usr/bin/env bash
# Stops the services deploy/main.sh started (clean stop: SIGTERM).
cd "$(dirname "$0")/.."
for pidfile in var/run/*.pid; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null && while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f "$pidfile"
  echo "stopped $(basename "$pidfile" .pid)"
done
