#!/usr/bin/env bash
# The main job: installs what is needed, builds, starts every fcavtal service
# on its embedded LMDB default (data under ./var), loads the sample data set
# and shows the results. The services keep running; deploy/stop.sh stops them.
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/start-service.sh

bash deploy/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DFC_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" --target fcavtal-registry fcavtal

mkdir -p var/run
bash deploy/stop.sh >/dev/null 2>&1 || true
REGISTRY=build/services/registry/fcavtal-registry
CLI=build/services/cli/fcavtal
start_service registry "$REGISTRY" --data var/registry
say_up registry

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
# ---- costs: common costs and settlements (fcavtal-costs, docs/costs.md) ----
# Starts after the registry (it follows it), loads the sample's cost items,
# local allocation rules and charts of accounts (deploy/sample/costs.json),
# settles 2025 for every sample centre and prints the shares, balances and
# transfers; the settlement's CSV and SIE 4I files go to var/exports/. The
# load and the run carry fixed request ids, so a second main.sh repeats
# nothing.
cmake --build build -j"$(nproc)" --target fcavtal-costs fcavtal >/dev/null
COSTS=build/services/costs/service/fcavtal-costs
start_service costs "$COSTS" --data var/costs
echo; say_up costs
# Names resolve once costs has every registry event the import made.
for _ in $(seq 1 100); do
  "$CLI" --json costs status 2>/dev/null | python3 -c 'import json,sys
s = json.load(sys.stdin)
sys.exit(0 if s.get("live") and s.get("registry_position", 0) >= s.get("registry_seq", 1) else 1)' && break
  sleep 0.1
done
echo; echo "== the sample's common costs for 2025 (deploy/sample/costs.json)"
"$CLI" costs load deploy/sample/costs.json
echo; echo "== settlement 2025 of every sample centre: shares, balances and transfers"
"$CLI" --request-id sample-settlement-2025 costs run 2025
costs_run=$("$CLI" --json --request-id sample-settlement-2025 costs run 2025 \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
echo; echo "== finalising run $costs_run: what the parties pay by, and what the documents say"
"$CLI" --request-id sample-finalise-2025 costs finalise "$costs_run"
goteborg=$("$CLI" --json org list | python3 -c 'import json,sys
print(next(o["id"] for o in json.load(sys.stdin)["items"] if o.get("org_number") == "212000-1355"))')
mkdir -p var/exports
costs_cli=$(realpath "$CLI")
echo; echo "== run $costs_run for finance, in var/exports/"
(cd var/exports && "$costs_cli" costs export "$costs_run" --csv shares \
  && "$costs_cli" costs export "$costs_run" --csv balances \
  && "$costs_cli" costs export "$costs_run" --csv transfers \
  && "$costs_cli" costs export "$costs_run" --sie "$goteborg") | sed 's|^|var/exports/|'
echo "Why a balance is what it is: $CLI costs explain $costs_run OPERATION"
# ---- end of costs ----

# ---- render: the agreement documents (fcavtal-render, docs/render.md) ----
# Starts after the registry (it follows it), then writes every local and
# use-right agreement of the sample as PDF under var/documents/ with the
# SHA-256 the service stored; a final document the data cannot fill is
# refused with what is missing.
cmake --build build -j"$(nproc)" --target fcavtal-render fcavtal >/dev/null
RENDER=build/services/render/service/fcavtal-render
DOCUMENTS=var/documents
start_service render "$RENDER" --data var/render --templates deploy/templates
echo; say_up render
echo; echo "== the sample's agreements as PDF, in $DOCUMENTS/"
mkdir -p "$DOCUMENTS"
render_cli=$(realpath "$CLI")
for id in $("$CLI" --json agreement list | python3 -c 'import json,sys
for a in json.load(sys.stdin).get("items", []):
    if a.get("kind") in ("local", "use_right"): print(a["id"])'); do
  # The service answers UNAVAILABLE until the registry's data has arrived.
  for _ in $(seq 1 50); do
    out=$(cd "$DOCUMENTS" && "$render_cli" render "$id" --format pdf 2>&1) && break
    case "$out" in *UNAVAILABLE*) sleep 0.2 ;; *) break ;; esac
  done
  case "$out" in
    error:*) echo "agreement $id: not rendered"; echo "$out" | sed 's/^/  /' ;;
    *) echo "$out" | awk -v d="$DOCUMENTS" 'NR == 1 { split($0, f, ":"); name = f[1] }
                                             /^sha256 / { print d "/" name "  sha256 " $2 }' ;;
  esac
done
echo "Check a file: $CLI render verify AGREEMENT FILE"
# ---- end of render ----

echo
echo "The registry keeps running on tcp://127.0.0.1:7101 (events on :7102)."
echo "Try: $CLI --help     Stop: bash deploy/stop.sh"
