#!/usr/bin/env bash
# The main job: installs what is needed, builds, starts every fcavtal service
# on its embedded LMDB default (data under ./var), loads the sample data set
# and shows the results. The services keep running; deploy/stop.sh stops them.
set -euo pipefail
cd "$(dirname "$0")/.."

bash deploy/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DFC_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" --target fcavtal-registry fcavtal

mkdir -p var/run
bash deploy/stop.sh >/dev/null 2>&1 || true
REGISTRY=build/services/registry/fcavtal-registry
CLI=build/services/cli/fcavtal
rm -f var/run/registry.ready
"$REGISTRY" --data var/registry --ready-file var/run/registry.ready \
  >>var/run/registry.log 2>&1 &
echo $! > var/run/registry.pid
for _ in $(seq 1 100); do
  [ -s var/run/registry.ready ] && break
  kill -0 "$(cat var/run/registry.pid)" 2>/dev/null || { cat var/run/registry.log; exit 1; }
  sleep 0.1
done
echo "registry up (pid $(cat var/run/registry.pid)): $(tr '\n' ' ' < var/run/registry.ready)"

echo; echo "== loading deploy/sample/sample.json"
"$CLI" import deploy/sample/sample.json
echo; echo "== organisations"; "$CLI" org list
echo; echo "== family centres and their classification"; "$CLI" centre list
echo; echo "== agreements"; "$CLI" agreement list
first_not_covered=$("$CLI" --json centre list --classification not_covered \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); i=d.get("items",[]); print(i[0]["id"] if i else "")')
if [ -n "$first_not_covered" ]; then
  echo; echo "== why centre $first_not_covered is not covered"; "$CLI" centre get "$first_not_covered"
fi

# --- notify: deadlines and reminders beside the registry (deploy/notify.sh) ---
echo; echo "== notify"
bash deploy/notify.sh
# --- end notify ---

echo
echo "The registry keeps running on tcp://127.0.0.1:7101 (events on :7102)."
echo "Try: $CLI --help     Stop: bash deploy/stop.sh"
